"""Validate a package against the official OCDS 1.1 release-package schema, offline.

The schemas in ``schema/`` are copied from the standard (see ``schema/SOURCE.md``); the
package schema's ``$ref`` to the release schema's URL is resolved to the local copy, so
validation never touches the network.
"""
import json
from functools import cache
from pathlib import Path

SCHEMA_DIR = Path(__file__).resolve().parent / "schema"


@cache
def _validator():
    from jsonschema import Draft4Validator
    from referencing import Registry, Resource
    from referencing.jsonschema import DRAFT4

    def load(name: str) -> dict:
        return json.loads((SCHEMA_DIR / name).read_text(encoding="utf-8"))

    package, release = load("release-package-schema.json"), load("release-schema.json")
    registry = Registry().with_resource(
        release["id"], Resource.from_contents(release, default_specification=DRAFT4))
    return Draft4Validator(package, registry=registry)


def package_errors(package: dict, *, limit: int = 50) -> list[str]:
    """Schema errors as ``path: message`` lines (empty when the package is valid)."""
    errors = []
    for error in _validator().iter_errors(package):
        path = "/".join(str(p) for p in error.absolute_path) or "(paket)"
        errors.append(f"{path}: {error.message}")
        if len(errors) >= limit:
            break
    return errors
