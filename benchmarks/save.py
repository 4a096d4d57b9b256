"""Save time of a 40-member dossier, as the wizard saves it: one changed answer per save.

    python benchmarks/save.py                 # this checkout
    PYTHONPATH=/tmp/old python benchmarks/save.py --label before   # another checkout's code

Prints one line per way of saving (median and min of many saves, after warm-up). The wizard
saves through a session (``reseau_cli.session``), which keeps the parsed YAML between saves;
``store.save`` re-reads the file each time. Figures go to RESULTS.md by hand (section "Saving").
"""

from __future__ import annotations

import argparse
import statistics
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.append(str(HERE.parent))  # tests.batch_helpers; the code measured comes first on the path

from tests.batch_helpers import make_dossier  # noqa: E402


def timed(action: Callable[[int], object], rounds: int) -> tuple[float, float]:
    """Median and minimum in ms of ``action(i)`` over ``rounds`` calls, after 3 warm-up calls."""
    for i in range(3):
        action(i)
    times = []
    for i in range(rounds):
        start = time.perf_counter()
        action(i + 3)
        times.append((time.perf_counter() - start) * 1000)
    return statistics.median(times), min(times)


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--label", default="after")
    parser.add_argument("--rounds", type=int, default=40)
    parser.add_argument("--members", type=int, default=40)
    args = parser.parse_args()

    import reseau_cli
    from reseau_cli import store
    from reseau_cli.dossier import dossier_model, set_answer

    print(f"[{args.label}] code: {Path(reseau_cli.__file__).parent}")
    dossier = dossier_model().model_validate(make_dossier(7, members=args.members))
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "d.yaml"
        store.save(dossier, path)
        text = path.read_text("utf-8")
        lines = text.count("\n")
        # A consultant's comments, which a round-trip save must carry along.
        path.write_text("# NOTE : vérifier le sigle\n" + text.replace(
            "\nmembers:\n", "\n# membres confirmés le 3 mars\nmembers:\n"), "utf-8")
        print(f"[{args.label}] {args.members} members, {lines} lines, {len(text)} bytes")
        current = store.load(path)

        def store_save(i: int) -> object:
            return store.save(set_answer(current, "name.tagline", f"Slogan {i}"), path)

        median, low = timed(store_save, args.rounds)
        print(f"[{args.label}] store.save, one changed answer: median {median:.1f} ms, "
              f"min {low:.1f} ms")
        try:
            from reseau_cli.session import open_session
        except ImportError:
            return
        start = time.perf_counter()
        session = open_session(path)
        opened = (time.perf_counter() - start) * 1000
        print(f"[{args.label}] open_session (read, check, lock): {opened:.1f} ms")

        def session_save(i: int) -> object:
            assert session.dossier is not None
            return session.save(set_answer(session.dossier, "name.tagline", f"Slogan {i}"))

        first = time.perf_counter()
        session_save(-1)  # the first save also parses the text for editing
        print(f"[{args.label}] session.save, first save: "
              f"{(time.perf_counter() - first) * 1000:.1f} ms")
        median, low = timed(session_save, args.rounds)
        print(f"[{args.label}] session.save (the wizard's), one changed answer: median "
              f"{median:.1f} ms, min {low:.1f} ms")

        def member_save(i: int) -> object:  # the biggest section: 40 members
            assert session.dossier is not None
            members = [m.model_dump(exclude_none=True)
                       for m in session.dossier.members.entities]  # type: ignore[attr-defined]
            members[-1]["city"] = f"Fès {i}"
            return session.save(set_answer(session.dossier, "members.entities", members))

        median, low = timed(member_save, args.rounds)
        print(f"[{args.label}] session.save, one member changed: median {median:.1f} ms, "
              f"min {low:.1f} ms")
        assert "# membres confirmés le 3 mars" in path.read_text("utf-8")
        session.close()


if __name__ == "__main__":
    main()
