"""Exercises by id. The library defines none: a course registers its own (`register`), or a
loader that registers them on first use (`add_loader`), and the checks look them up here."""
from __future__ import annotations

from typing import Callable

from .spec import Exercise

_EXERCISES: dict[str, Exercise] = {}
_LOADERS: list[Callable[[], object]] = []


def register(exercise: Exercise) -> Exercise:
    known = _EXERCISES.get(exercise.id)
    if known is not None and known.assignment != exercise.assignment:
        raise ValueError(f"exercise id {exercise.id!r} is used by two assignments")
    _EXERCISES[exercise.id] = exercise
    return exercise


def add_loader(loader: Callable[[], object]) -> None:
    """`loader()` registers exercises; it runs when an id is looked up that is not known yet."""
    if loader not in _LOADERS:
        _LOADERS.append(loader)


def load_all() -> dict[str, Exercise]:
    for loader in list(_LOADERS):
        loader()
    return _EXERCISES


def get(exercise_id: str) -> Exercise:
    if exercise_id not in _EXERCISES:
        load_all()
    if exercise_id not in _EXERCISES:
        raise KeyError(f"no exercise called {exercise_id!r}; known: {', '.join(sorted(_EXERCISES))}")
    return _EXERCISES[exercise_id]
