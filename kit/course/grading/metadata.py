"""nbgrader's cell-metadata check with its schema compiled once per process, not once per cell.

Stock nbgrader validates each cell's nbgrader metadata with ``jsonschema.validate``, which
first checks the schema itself against the JSON Schema meta-schema: for every cell, twice per
notebook. Measured here, that was the largest single cost of a grading process per notebook.
The checks, their order and their errors stay nbgrader's: only the schema check moves to the
first use.
"""

from __future__ import annotations

import traceback

import jsonschema
from jsonschema.exceptions import best_match
from nbgrader.nbgraderformat import MetadataValidator, ValidationError
from nbgrader.nbgraderformat.common import (
    BaseMetadataValidator,
    SchemaTooNewError,
    SchemaTooOldError,
)
from nbgrader.preprocessors import CheckCellMetadata

_COMPILED: dict = {}


def _compiled(version: int, schema: dict):
    """The validator of nbgrader's schema ``version`` (read from nbgrader's own file)."""
    if version not in _COMPILED:
        cls = jsonschema.validators.validator_for(schema)
        cls.check_schema(schema)
        _COMPILED[version] = cls(schema)
    return _COMPILED[version]


class _CompiledBase(BaseMetadataValidator):
    def validate_cell(self, cell) -> None:
        # nbgrader's BaseMetadataValidator.validate_cell, with jsonschema.validate's steps
        # after its schema check (validator_for, iter_errors, best_match, raise).
        if "nbgrader" not in cell.metadata:
            return
        schema = cell.metadata["nbgrader"].get("schema_version", 0)
        if schema < self.schema_version:
            raise SchemaTooOldError(
                f"Outdated schema version: {schema} (expected {self.schema_version})",
                schema,
                self.schema_version,
            )
        elif schema > self.schema_version:
            raise SchemaTooNewError(
                f"Schema version is too new: {schema} (expected {self.schema_version})",
                schema,
                self.schema_version,
            )
        validator = _compiled(self.schema_version, self.schema)
        error = best_match(validator.iter_errors(cell.metadata["nbgrader"]))
        if error is not None:
            raise error


class CompiledMetadataValidator(MetadataValidator, _CompiledBase):
    """nbgrader's current validator; its base's per-cell check uses the compiled schema."""


class CheckCellMetadataOnce(CheckCellMetadata):
    """nbgrader's CheckCellMetadata (same log lines, same error) with the compiled schema."""

    def preprocess(self, nb, resources):
        try:
            CompiledMetadataValidator().validate_nb(nb)
        except ValidationError:
            self.log.error(traceback.format_exc())
            msg = "Notebook failed to validate; the nbgrader metadata may be corrupted."
            self.log.error(msg)
            raise ValidationError(msg)  # noqa: B904 - nbgrader's own raise, same log
        return nb, resources
