"""Generates the Python code for every proto under protos/ into tripsmith/.

The generated modules live at the import path their proto package names
(tripsmith.flights.v1 -> tripsmith/flights/v1/) so that generated imports resolve. The
google/type and google/rpc sources come from the pinned googleapis-common-protos package
and are copied to build/proto-deps, which buf also reads.

    python tools/gen_protos.py          regenerate in place
    python tools/gen_protos.py --check  exit 1 and name the stale files if the checked-in
                                        code differs from what the protos generate
    python tools/gen_protos.py --deps   only copy the google/* sources for buf
"""

from __future__ import annotations

import argparse
import filecmp
import shutil
import sys
import tempfile
from pathlib import Path

import google.type.date_pb2
import grpc_tools
from grpc_tools import protoc

ROOT = Path(__file__).resolve().parent.parent
PROTOS = ROOT / "protos"
DEPS = ROOT / "build" / "proto-deps"
GENERATED_SUFFIXES = ("_pb2.py", "_pb2.pyi", "_pb2_grpc.py")


def copy_proto_deps() -> Path:
    """Copies google/type and google/rpc .proto files from the installed package."""
    site = Path(google.type.date_pb2.__file__).resolve().parents[2]
    for package in ("google/type", "google/rpc"):
        target = DEPS / package
        target.mkdir(parents=True, exist_ok=True)
        for source in (site / package).glob("*.proto"):
            shutil.copy2(source, target / source.name)
    return DEPS


def generate(out_dir: Path) -> None:
    """Runs protoc over every proto file and adds the package __init__ files."""
    deps = copy_proto_deps()
    well_known = Path(grpc_tools.__file__).parent / "_proto"
    sources = sorted(str(p.relative_to(PROTOS)) for p in PROTOS.rglob("*.proto"))
    args = [
        "protoc",
        f"-I{PROTOS}",
        f"-I{deps}",
        f"-I{well_known}",
        f"--python_out={out_dir}",
        f"--pyi_out={out_dir}",
        f"--grpc_python_out={out_dir}",
        *sources,
    ]
    if protoc.main(args) != 0:
        raise SystemExit("protoc failed")
    for source in sources:
        package_dir = out_dir / Path(source).parent
        for directory in (package_dir, *package_dir.relative_to(out_dir).parents):
            init = out_dir / directory / "__init__.py"
            if directory != Path(".") and not init.exists():
                init.touch()


def generated_files(root: Path) -> set[Path]:
    """The generated modules under root, relative to it."""
    return {
        p.relative_to(root)
        for p in (root / "tripsmith").rglob("*")
        if p.name.endswith(GENERATED_SUFFIXES)
    }


def stale_files() -> list[str]:
    """The generated files that are missing, extra or different in the checkout."""
    with tempfile.TemporaryDirectory() as tmp:
        fresh_root = Path(tmp)
        generate(fresh_root)
        fresh, current = generated_files(fresh_root), generated_files(ROOT)
        stale = fresh ^ current
        stale |= {p for p in fresh & current if not filecmp.cmp(fresh_root / p, ROOT / p, shallow=False)}
        return sorted(str(p) for p in stale)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--check", action="store_true", help="fail if generated code is stale")
    parser.add_argument("--deps", action="store_true", help="only copy the google/* proto sources")
    args = parser.parse_args()
    if args.deps:
        copy_proto_deps()
        return 0
    if args.check:
        stale = stale_files()
        for path in stale:
            print(f"stale generated file: {path}", file=sys.stderr)
        if stale:
            print("run `make protos` and commit the result", file=sys.stderr)
        return 1 if stale else 0
    generate(ROOT)
    return 0


if __name__ == "__main__":
    sys.exit(main())
