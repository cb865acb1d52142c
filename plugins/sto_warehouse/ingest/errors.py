"""Rejections: one exception type, one catalogue of codes with the fix a data engineer needs."""

from __future__ import annotations

from dataclasses import asdict, dataclass, field

# code -> how to fix it. Messages name the file, the line or column and what was expected.
CATALOGUE: dict[str, str] = {
    "EMPTY_FILE": "The file has no data rows. Download it again from DUO; an empty export is never valid.",
    "NOT_TEXT": "The file is not a text (CSV) file. Check that the download completed and that the file is the CSV, not the XLSX or an HTML error page.",
    "BAD_ENCODING": "The bytes are neither UTF-8 nor Windows-1252. Re-download the file; do not open and re-save it in a spreadsheet.",
    "NO_HEADER": "The first line is not a header. DUO files start with a header line; re-download the file.",
    "BAD_FILE_NAME": "The file name contains characters DUO never uses (quotes, semicolons, shell or SQL metacharacters, control characters). Rename the file as DUO publishes it, e.g. 01.-leerlingen-vo-per-vestiging-naar-onderwijstype-2024.csv.",
    "ABSURD_COUNT": "A count is larger than any DUO cell can be. The file is corrupt or not a DUO file; re-download it.",
    "BAD_HEADER": "A column name contains characters no DUO header has (quotes, semicolons, control characters). The file is malformed or not a DUO file; re-download it.",
    "DUPLICATE_COLUMN": "Two columns have the same name after normalisation. Rename or remove one, or add a vintage with a rename to the registry.",
    "UNKNOWN_PUBLICATION": "The file name and header match no registered DUO publication. Add an entry or a vintage to plugins/sto_warehouse/registry/duo.toml (see docs/datasets.md).",
    "MISSING_COLUMN": "A required column is missing. If DUO renamed it, add the new name to the vintage's renames in plugins/sto_warehouse/registry/duo.toml; otherwise re-download the file.",
    "NO_PERIOD": "The period (peiljaar/schooljaar) cannot be read from the file name. Rename the file as DUO publishes it (e.g. ...-2024.csv) or load it with `sto reload --period`.",
    "FIELD_COUNT": "A row has a different number of fields than the header. The file is truncated or corrupt; re-download it.",
    "UNTERMINATED_QUOTE": "A quoted field is never closed, usually because the file was cut off. Re-download it.",
    "COPY_FAILED": "PostgreSQL could not read the file as CSV. Check the line named here; re-download the file.",
    "RAW_GATE": "A structural check on the loaded values failed (see expectation and sample rows). Correct the source or, if DUO changed the format, the registry entry.",
}


@dataclass
class Problem:
    code: str
    message: str
    file: str
    line: int | None = None
    column: str | None = None
    expected: str | None = None
    found: str | None = None
    fix: str | None = None
    details: dict = field(default_factory=dict)

    def __post_init__(self) -> None:
        if self.fix is None:
            self.fix = CATALOGUE.get(self.code, "")

    def as_dict(self) -> dict:
        return {k: v for k, v in asdict(self).items() if v not in (None, {}, "")}

    def __str__(self) -> str:
        where = self.file
        if self.line is not None:
            where += f", line {self.line}"
        if self.column:
            where += f", column {self.column}"
        text = f"{where}: {self.message}"
        if self.expected is not None:
            text += f" (expected {self.expected}"
            text += f"; found {self.found})" if self.found is not None else ")"
        return text


class Rejected(Exception):
    """A whole file is rejected: nothing from it reaches raw."""

    def __init__(self, problem: Problem, *more: Problem):
        self.problems = [problem, *more]
        super().__init__(str(problem))

    @property
    def problem(self) -> Problem:
        return self.problems[0]
