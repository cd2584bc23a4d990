"""Item analysis from real results: read what an LMS recorded (a Moodle quiz Responses report, a
Canvas item or student analysis, the SCORM package's interactions), map each response to its item,
and compute per item its facility, discrimination, distractor counts and flags.

`readers` turns a file into answers, `stats` computes, `flags` judges, `report` writes."""
