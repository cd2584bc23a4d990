/* The course's service worker: Workbox's precaching and routing runtime (shipped in the site's
   assets), the list of every file to keep offline written by the build (build_tools/offline).
   Precached pages, scripts, the bank and the search index are served from the cache, so after
   one visit the whole course opens, searches and reviews with no network; a new build's list
   brings a new worker, which waits until the page asks it to take over ("new version: reload"). */
importScripts(__WORKBOX__);

workbox.precaching.cleanupOutdatedCaches();
// Any query is ignored: no page depends on one, and search results link to "page/?h=term".
workbox.precaching.precacheAndRoute(__PRECACHE__, { ignoreURLParametersMatching: [/.*/] });
self.addEventListener("message", function (event) {
  if (event.data && event.data.type === "SKIP_WAITING") self.skipWaiting();
});
workbox.core.clientsClaim(); // the first visit's page is served offline from the next page on
