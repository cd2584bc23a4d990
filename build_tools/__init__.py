"""Build tools for the CAR T-cell therapy course: content → model → pages, figures and quizzes."""
