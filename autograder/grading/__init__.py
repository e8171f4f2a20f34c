"""The instructor's grading pipeline (docs/grading.md): verdicts student code cannot forge.

- collect.py: PATHs (notebooks, nbgrader's submitted/ tree, LMS zips) -> submissions
- course.py: the course folder, its nbgrader settings and official notebooks
- restore.py: the official notebook; a student's notebook with the official cells put back, copied
  and split cells resolved, cells that lost their metadata found, leftovers neutralised
- scan.py: the static scan of student code
- job.py: what the sandboxed child runs, and the cases it observes on
- forkserver.py: one fork server per worker; the client that runs jobs on it
- sandbox.py, integrity.py: the child's defences (namespaces, rlimits, audit hook, frozen
  observer, integrity snapshot)
- driver.py: what the child runs: cells in order, observations at the test cells
- signing.py: the child's reports, signed
- verdicts.py: verifying and judging in the grading process
- submission.py: grading one notebook, restarting past a cell that killed the child
- store.py: results per submission in SQLite (resume after a kill)
- pipeline.py: a grading run: threads or Dask, progress, gradebook, reports
- gradebook.py: recording into nbgrader's gradebook with nbgrader's own converter
- feedback.py: HTML feedback per student, the CSV of grades, the printed table
- classreport.py: the class report per assignment (report.html with its figures, report.json)
- command.py: `python -m autograder grade`
- demo.py: `make grade-demo`
"""
