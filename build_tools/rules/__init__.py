"""Clinical rules as pure functions over content: who a label indication admits, and what grade a
set of findings makes. Pages, quiz cases and checks all call these, so they decide alike."""
