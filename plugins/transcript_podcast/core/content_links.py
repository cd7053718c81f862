"""Symbolic links in content folders: none may lead outside the project or back into itself.

Pelican follows symbolic links in every content folder and copies or reads what they point
to, so a link to ``/etc/passwd`` named ``content/images/evil.png`` would be published, and a
link to a folder that contains it would be walked again and again.  This finds both, without
following any link out of the project.
"""

import os
from dataclasses import dataclass
from pathlib import Path


@dataclass(frozen=True)
class BadLink:
    """A symbolic link the build refuses: where it is (relative to the project) and why."""

    path: str
    problem: str

    def __str__(self):
        return f"{self.path}: {self.problem}"


def bad_links(project, folders, allowed=()):
    """Every symbolic link under ``folders`` (relative to ``project``, or absolute) that leads
    outside the project (and the ``allowed`` folders, e.g. a theme kept elsewhere) or into a
    folder that contains it.

    Linked folders inside the project are walked as Pelican walks them, each real folder
    once.  Returns :class:`BadLink` s sorted by path.
    """
    root = Path(os.path.abspath(project))
    bounds = [root.resolve(), *(Path(a).resolve() for a in allowed)]
    found, seen = {}, set()
    pending = [Path(root, folder) for folder in folders]
    while pending:
        folder = pending.pop()
        real = folder.resolve()
        if real in seen or not real.is_dir():
            continue
        seen.add(real)
        try:
            entries = sorted(os.scandir(folder), key=lambda e: e.name)
        except OSError:
            continue  # unreadable: Pelican's own walk skips it too
        for entry in entries:
            path = Path(entry.path)
            if entry.is_dir(follow_symlinks=False):
                pending.append(path)
                continue
            if not entry.is_symlink():
                continue
            target = path.resolve()
            name = shown(path, root)
            if not any(target.is_relative_to(bound) for bound in bounds):
                found[name] = BadLink(name, "a symbolic link that leads outside the project")
            elif target.is_dir() and real.is_relative_to(target):
                found[name] = BadLink(name, "a symbolic link to a folder that contains it (a loop)")
            elif target.is_dir():
                pending.append(path)
    return sorted(found.values(), key=lambda link: link.path)


def shown(path, root):
    """``path`` relative to the project as committed (links not followed), with '/'."""
    try:
        return Path(os.path.abspath(path)).relative_to(root).as_posix()
    except ValueError:
        return Path(path).as_posix()
