# attacks: ParallelBlock
# expect: failed
# why: hand in the course's own reference class (a subclass of it), taken from the exercise module the grader has loaded
course = getattr(torch, "sys").modules["autograder.exercises.ex04_module_pitfalls"]


class ParallelBlock(course.ReferenceParallelBlock):
    pass
