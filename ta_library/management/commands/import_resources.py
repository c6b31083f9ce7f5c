"""Import TA Library resources in bulk from a CSV file and a folder of files.

    python manage.py import_resources resources.csv --files ./documents [--publish] [--dry-run]

Columns (header row required; lists are separated by ";"):
    title, summary, type (resource type slug), published_on (YYYY-MM-DD),
    authored_by_cgrs (yes/no), author_name, file (path inside --files), external_url,
    video_url, countries (ISO codes), persecution_types, protection_types,
    procedural_stages, topics (term slugs), relevant_to_every_case (yes/no),
    audience (attorneys/experts/both), published (yes/no)
Every row is checked first; if any row is wrong, nothing is imported and each problem is
listed with its row number. A row whose title and date already exist is skipped, so the
same file can be imported twice.
"""

from __future__ import annotations

import csv
import datetime
from pathlib import Path

from django.core.exceptions import NON_FIELD_ERRORS, ValidationError
from django.core.files import File
from django.core.management.base import BaseCommand, CommandError
from django.db import transaction
from django_countries import countries

from ta_library.files import validate_library_file
from ta_library.models import Audience, Resource
from ta_library.services import resource_create
from taxonomy.models import PersecutionType, ProceduralStage, ProtectionType, ResourceType, Topic

REQUIRED = ("title", "summary", "type", "published_on")
TAG_COLUMNS = {
    "persecution_types": PersecutionType,
    "protection_types": ProtectionType,
    "procedural_stages": ProceduralStage,
    "topics": Topic,
}
YES = {"yes", "y", "true", "1", "x"}
NO = {"no", "n", "false", "0", ""}


def _split(value: str) -> list[str]:
    return [part.strip() for part in (value or "").split(";") if part.strip()]


def _flag(value: str, default: bool) -> bool:
    value = (value or "").strip().lower()
    if value in YES:
        return True
    if value in NO:
        return default if value == "" else False
    raise ValueError(f"not yes/no: {value!r}")


def _check(fields: dict) -> None:
    """Resource.clean()'s rule (content, author, countries, video host) on the row, before
    anything is imported; resource_create applies the same rule again when it writes."""
    scalars = {
        name: value for name, value in fields.items() if name not in TAG_COLUMNS and name != "path"
    }
    candidate = Resource(**scalars, file=fields["path"].name if fields["path"] else "")
    try:
        candidate.full_clean(exclude=["file"])
    except ValidationError as error:
        raise ValueError(
            "; ".join(
                message if field == NON_FIELD_ERRORS else f"{field}: {message}"
                for field, messages in error.message_dict.items()
                for message in messages
            )
        ) from None


class _UploadedFile(File):
    """A file on disk with the `size` validate_library_file reads."""


class Command(BaseCommand):
    help = "Import resources from a CSV file plus a folder of files (all or nothing)."

    def add_arguments(self, parser):
        parser.add_argument("csv_path")
        parser.add_argument("--files", default=".", help="folder the `file` column is relative to")
        parser.add_argument(
            "--publish", action="store_true", help="publish rows with no `published`"
        )
        parser.add_argument("--dry-run", action="store_true", help="check only, import nothing")

    def handle(self, *args, **options):
        csv_path = Path(options["csv_path"])
        folder = Path(options["files"]).resolve()
        if not csv_path.is_file():
            raise CommandError(f"No such CSV file: {csv_path}")
        terms = {
            column: {t.slug: t for t in model.objects.all()}
            for column, model in TAG_COLUMNS.items()
        }
        types = {t.slug: t for t in ResourceType.objects.all()}
        existing = set(Resource.objects.values_list("title", "published_on"))
        rows, errors = [], []
        with csv_path.open(newline="", encoding="utf-8-sig") as handle:
            reader = csv.DictReader(handle)
            missing = [c for c in REQUIRED if c not in (reader.fieldnames or [])]
            if missing:
                raise CommandError(f"Missing columns: {', '.join(missing)}")
            for number, row in enumerate(reader, start=2):
                try:
                    rows.append(self._parse(row, number, folder, terms, types, options["publish"]))
                except (ValueError, ValidationError) as error:
                    message = (
                        "; ".join(error.messages) if isinstance(error, ValidationError) else error
                    )
                    errors.append(f"row {number}: {message}")
        if errors:
            raise CommandError("Nothing imported:\n" + "\n".join(errors))
        new = [r for r in rows if (r["title"], r["published_on"]) not in existing]
        if options["dry_run"]:
            self.stdout.write(f"{len(rows)} rows valid; {len(new)} would be imported.")
            return
        with transaction.atomic():
            for fields in new:
                path = fields.pop("path")
                if path is None:
                    resource_create(**fields)
                    continue
                with path.open("rb") as handle:
                    resource_create(**fields, file=File(handle, name=path.name))
        self.stdout.write(
            self.style.SUCCESS(
                f"Imported {len(new)} resources ({len(rows) - len(new)} already there)."
            )
        )

    def _parse(self, row, number, folder: Path, terms, types, publish: bool) -> dict:
        for column in REQUIRED:
            if not (row.get(column) or "").strip():
                raise ValueError(f"{column} is required")
        resource_type = types.get(row["type"].strip())
        if resource_type is None:
            raise ValueError(f"unknown type {row['type']!r}")
        try:
            published_on = datetime.date.fromisoformat(row["published_on"].strip())
        except ValueError as error:
            raise ValueError(f"published_on is not YYYY-MM-DD: {row['published_on']!r}") from error
        by_cgrs = _flag(row.get("authored_by_cgrs", ""), True)
        author = (row.get("author_name") or "").strip()
        codes = [c.upper() for c in _split(row.get("countries", ""))]
        unknown = [c for c in codes if c not in dict(countries)]
        if unknown:
            raise ValueError(f"unknown countries {unknown}")
        tags = {}
        for column, known in terms.items():
            slugs = _split(row.get(column, ""))
            bad = [s for s in slugs if s not in known]
            if bad:
                raise ValueError(f"unknown {column} {bad}")
            tags[column] = [known[s] for s in slugs]
        audience = (row.get("audience") or Audience.ATTORNEYS).strip()
        if audience not in Audience.values:
            raise ValueError(f"audience must be one of {Audience.values}")
        video = (row.get("video_url") or "").strip()
        path = None
        name = (row.get("file") or "").strip()
        if name:
            path = (folder / name).resolve()
            # SECURITY: the file must be inside the folder given (no ../../ escapes).
            if folder not in path.parents or not path.is_file():
                raise ValueError(f"no file {name!r} in {folder}")
            with path.open("rb") as handle:
                upload = _UploadedFile(handle, name=path.name)
                validate_library_file(upload)
        external = (row.get("external_url") or "").strip()
        fields = {
            "title": row["title"].strip()[:300],
            "summary": row["summary"].strip(),
            "resource_type": resource_type,
            "published_on": published_on,
            "authored_by_cgrs": by_cgrs,
            "author_name": author,
            "external_url": external,
            "video_url": video,
            "countries": codes,
            "relevant_to_every_case": _flag(row.get("relevant_to_every_case", ""), False),
            "audience": audience,
            "is_published": _flag(row.get("published", ""), publish),
            "path": path,
            **tags,
        }
        _check(fields)
        return fields
