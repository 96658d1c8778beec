"""Count the import statements inside function bodies under vakmanschap/ (migrations excluded).

    python scripts/function_imports.py            # the count
    python scripts/function_imports.py --list     # each one, with its reason comment if any

An import inside a function needs a one-line reason: a comment ending the line before it or
on the import line itself, e.g. `# deferred: AppConfig.ready() runs before ...`.
"""

import ast
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent / "vakmanschap"


def function_imports(root: Path = ROOT):
    """(path, line number, source line, reason or "") for every import nested in a def."""
    found = []
    for path in sorted(root.rglob("*.py")):
        if "migrations" in path.parts:
            continue
        text = path.read_text(encoding="utf-8")
        lines = text.splitlines()
        tree = ast.parse(text, filename=str(path))
        for func in ast.walk(tree):
            if not isinstance(func, ast.FunctionDef | ast.AsyncFunctionDef):
                continue
            for node in ast.walk(func):
                if isinstance(node, ast.Import | ast.ImportFrom):
                    found.append((path, node.lineno, lines[node.lineno - 1], _reason(lines, node)))
    # A function nested in a function would report its imports twice.
    return sorted(set(found), key=lambda f: (str(f[0]), f[1]))


def _reason(lines: list[str], node) -> str:
    own = lines[node.lineno - 1]
    if "#" in own and _without_noqa(own.split("#", 1)[1]):
        return _without_noqa(own.split("#", 1)[1])
    # Else the comment above the block of imports this one belongs to.
    index = node.lineno - 2
    while index >= 0 and (not lines[index].strip() or lines[index].strip().startswith(_IMPORTS)):
        index -= 1
    above = lines[index].strip() if index >= 0 else ""
    return _without_noqa(above[1:]) if above.startswith("#") else ""


_IMPORTS = ("from ", "import ")


def _without_noqa(comment: str) -> str:
    """A bare `noqa: F401` names a rule, not a reason."""
    comment = comment.strip()
    if comment.startswith("noqa"):
        comment = comment.split(" ", 2)[2] if comment.count(" ") >= 2 else ""
    return comment.strip(" -()")


def main(argv: list[str]) -> int:
    found = function_imports()
    if "--list" in argv:
        for path, line, source, reason in found:
            where = f"{path.relative_to(ROOT.parent)}:{line}"
            print(f"{where}: {source.strip()}  [{reason or 'NO REASON'}]")
    print(
        f"{len(found)} imports inside functions, {sum(1 for f in found if not f[3])} without a reason"
    )
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv))
