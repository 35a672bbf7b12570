"""Build blog-lsp's technical vocabulary, names and offensive-word lists from npm packages.

The typo checker knows technical words (tokenizer, prefetch, kubectl...) and names (people,
companies) that a general dictionary lacks, and never suggests an offensive word. Rather than
typing such lists by hand, this script takes them from maintained packages on npm:

* ``@cspell/dict-software-terms``, ``@cspell/dict-data-science``, ``@cspell/dict-fullstack``,
  ``@cspell/dict-python``: software, data-science and Python terms (matplotlib, colormap) ->
  ``technical-words.txt`` (lower case).
* ``@cspell/dict-companies``, ``@cspell/dict-people-names``: names -> ``names.txt`` (as
  written), less those that are also everyday words in Debian's SCOWL lists (Gray, Page,
  Center), and company names also into ``technical-words.txt``.
* ``cuss``: English profanity rated by how sure it is -> ``offensive-words.txt`` (the words
  rated "likely profane").

Each package's licence is copied into ``WORD-LISTS-LICENSE.txt`` beside the output. Install the
sources in any scratch folder, then point the script at its ``node_modules``::

    npm install --no-save @cspell/dict-software-terms@5.4.9 @cspell/dict-data-science@2.0.17 \\
        @cspell/dict-fullstack@3.2.9 @cspell/dict-python@4.5.3 @cspell/dict-companies@3.2.14 \\
        @cspell/dict-people-names@1.1.16 cuss@2.2.0
    python tools/build_word_lists.py --node-modules node_modules   # also needs scowl (apt)

``--check`` writes nothing and exits 1 when the shipped files differ from what it would write.
"""

from __future__ import annotations

import argparse
import gzip
import json
import logging
import re
import sys
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from generated_files import add_check_option, write_or_check

LOG = logging.getLogger("build_word_lists")

REPO = Path(__file__).resolve().parents[1]
DEFAULT_OUTPUT_DIR = REPO / "blog_lsp" / "spelling" / "data"

TECHNICAL_FILE = "technical-words.txt"
NAMES_FILE = "names.txt"
OFFENSIVE_FILE = "offensive-words.txt"
LICENCE_FILE = "WORD-LISTS-LICENSE.txt"

TECHNICAL_PACKAGES = (
    "@cspell/dict-software-terms",
    "@cspell/dict-data-science",
    "@cspell/dict-fullstack",
    "@cspell/dict-python",
)
COMPANY_PACKAGE = "@cspell/dict-companies"
PEOPLE_PACKAGE = "@cspell/dict-people-names"
OFFENSIVE_PACKAGE = "cuss"
PACKAGES = (*TECHNICAL_PACKAGES, COMPANY_PACKAGE, PEOPLE_PACKAGE, OFFENSIVE_PACKAGE)
DEFAULT_SCOWL_DIR = Path("/usr/share/dict/scowl")  # Debian's scowl package
# A name that is also an everyday word up to this SCOWL level is no evidence of a name.
EVERYDAY_LEVEL = 70
SCOWL_LEVELS = (10, 20, 35, 40, 50, 55, 60, 70)

# Only words the typo checker can meet: letters alone, in lower case or capitalised. Acronyms
# (GPU), camelCase (PyTorch) and words with digits never reach it, so they need no entry.
PLAIN_WORD = re.compile(r"[A-Za-z][a-z]+")
# Names may carry accents (José) and an inner apostrophe or hyphen is not a word of its own.
NAME_WORD = re.compile(r"[^\W\d_][^\W\d_A-Z]+")
# cuss rates each entry 0 (not likely profane: beaver), 1 (maybe: crack) or 2 (likely).
OFFENSIVE_RATING = 2
LINE_COMMENT = re.compile(r"^\s*//[^\n]*$", re.MULTILINE)
CUSS_ENTRY = re.compile(r"""^\s*(?:'(?P<quoted>[^']+)'|(?P<bare>[\w-]+)):\s*(?P<rating>\d)""")


@dataclass(frozen=True, slots=True)
class Package:
    name: str
    version: str
    licence: str
    licence_text: str
    folder: Path


def read_package(node_modules: Path, name: str) -> Package:
    folder = node_modules / name
    manifest = json.loads((folder / "package.json").read_text(encoding="utf-8"))
    licence_path = next(
        (
            folder / candidate
            for candidate in ("LICENSE", "license", "LICENSE.md", "LICENSE.txt")
            if (folder / candidate).is_file()
        ),
        None,
    )
    if licence_path is None:
        raise SystemExit(f"{name} has no licence file in {folder}")
    return Package(
        name,
        manifest["version"],
        str(manifest.get("license", "unknown")),
        licence_path.read_text(encoding="utf-8").strip(),
        folder,
    )


def _lines(path: Path) -> Iterator[str]:
    data = path.read_bytes()
    if path.suffix == ".gz":
        data = gzip.decompress(data)
    for raw in data.decode("utf-8").splitlines():
        line = raw.strip()
        if line and not line.startswith("#"):
            yield line


def cspell_words(package: Package) -> Iterator[str]:
    """Every entry of every dictionary a cspell dictionary package defines."""
    text = (package.folder / "cspell-ext.json").read_text(encoding="utf-8")
    # cspell's settings files are JSON with // comments on lines of their own.
    extension = json.loads(LINE_COMMENT.sub("", text))
    for definition in extension.get("dictionaryDefinitions", []):
        path = package.folder / definition["path"]
        if path.suffix in (".txt", ".gz") and path.is_file():
            yield from _lines(path)


def technical_words(packages: Iterable[Package], companies: Package) -> list[str]:
    words = {
        word.lower()
        for package in (*packages, companies)
        for word in cspell_words(package)
        if PLAIN_WORD.fullmatch(word)
    }
    return sorted(words)


def everyday_words(scowl_dir: Path) -> frozenset[str]:
    """SCOWL's lower-case words of every dialect, up to the everyday level."""
    found: set[str] = set()
    for dialect in ("english", "american", "british"):
        for level in SCOWL_LEVELS:
            path = scowl_dir / f"{dialect}-words.{level}"
            if path.is_file():
                found.update(path.read_bytes().decode("iso-8859-1").split())
    return frozenset(word for word in found if word.islower())


def names(people: Package, companies: Package, everyday: frozenset[str]) -> list[str]:
    found = {
        word
        for package in (people, companies)
        for word in cspell_words(package)
        if NAME_WORD.fullmatch(word) and word[0].isupper() and word.lower() not in everyday
    }
    return sorted(found)


def offensive_words(package: Package) -> list[str]:
    """cuss's "likely profane" single words, lower case."""
    source = package.folder / "index.js"
    words = set()
    for line in source.read_text(encoding="utf-8").splitlines():
        entry = CUSS_ENTRY.match(line)
        if entry is None or int(entry["rating"]) < OFFENSIVE_RATING:
            continue
        word = entry["quoted"] or entry["bare"]
        if word.isalpha():
            words.add(word.lower())
    return sorted(words)


def licence_notice(packages: Iterable[Package]) -> str:
    parts = [
        f"The files {TECHNICAL_FILE}, {NAMES_FILE} and {OFFENSIVE_FILE} in this folder were\n"
        "generated by tools/build_word_lists.py from these npm packages; their licences follow.\n"
    ]
    for package in packages:
        parts.append(
            f"\n{'=' * 78}\n{package.name} {package.version} ({package.licence})\n{'=' * 78}\n\n"
            f"{package.licence_text}\n"
        )
    return "".join(parts)


def render(node_modules: Path, scowl_dir: Path) -> dict[str, str]:
    """File name -> content of every generated file."""
    packages = {name: read_package(node_modules, name) for name in PACKAGES}

    def header(*sources: str) -> str:
        described = ", ".join(f"{name} {packages[name].version}" for name in sources)
        return f"# Generated by tools/build_word_lists.py from {described}. Do not edit.\n"

    technical = technical_words(
        [packages[name] for name in TECHNICAL_PACKAGES], packages[COMPANY_PACKAGE]
    )
    people_and_companies = names(
        packages[PEOPLE_PACKAGE], packages[COMPANY_PACKAGE], everyday_words(scowl_dir)
    )
    offensive = offensive_words(packages[OFFENSIVE_PACKAGE])
    return {
        TECHNICAL_FILE: header(*TECHNICAL_PACKAGES, COMPANY_PACKAGE)
        + "".join(f"{word}\n" for word in technical),
        NAMES_FILE: header(PEOPLE_PACKAGE, COMPANY_PACKAGE).replace(
            ". Do not edit", ", less SCOWL's everyday words. Do not edit"
        )
        + "".join(f"{word}\n" for word in people_and_companies),
        OFFENSIVE_FILE: header(OFFENSIVE_PACKAGE) + "".join(f"{word}\n" for word in offensive),
        LICENCE_FILE: licence_notice(packages.values()),
    }


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument(
        "--node-modules",
        type=Path,
        default=Path("node_modules"),
        help="the node_modules folder the packages were installed into (default: ./node_modules)",
    )
    parser.add_argument("--scowl-dir", type=Path, default=DEFAULT_SCOWL_DIR)
    parser.add_argument("--output-dir", type=Path, default=DEFAULT_OUTPUT_DIR)
    add_check_option(parser)
    args = parser.parse_args(argv)
    logging.basicConfig(level=logging.INFO, format="%(message)s")

    missing = [name for name in PACKAGES if not (args.node_modules / name).is_dir()]
    if missing:
        LOG.error("%s: not in %s (see this script's help)", ", ".join(missing), args.node_modules)
        return 2
    if not (args.scowl_dir / "english-words.10").is_file():
        LOG.error("no SCOWL word lists in %s (apt-get install scowl)", args.scowl_dir)
        return 2
    files = render(args.node_modules, args.scowl_dir)
    tool = "tools/build_word_lists.py"
    return write_or_check(files, args.output_dir, check=args.check, tool=tool)


if __name__ == "__main__":
    sys.exit(main())
