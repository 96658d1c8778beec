"""Writes a parsed `Dataset` to the database: upsert by URI, only changed rows are written.

Everything is compared in memory against a few bulk reads (values_list), so a second import
of the same files issues no writes at all. Relations are synced (created, updated, deleted)
when their file is part of the import; concepts are never deleted (ESCO deprecates them).
"""

from dataclasses import dataclass, field

from .bulk import delete_ids, insert_rows
from .models import (
    Broader,
    CollectionMembership,
    Concept,
    ConceptKind,
    Description,
    Label,
    LabelSource,
    OccupationSkill,
    SkillRelation,
)
from .parse import Dataset

CONCEPT_NAMES = {
    ConceptKind.OCCUPATION: "occupations",
    ConceptKind.SKILL: "skills",
    ConceptKind.SKILL_GROUP: "skill groups",
    ConceptKind.ISCO_GROUP: "ISCO groups",
}
CONCEPT_FIELDS = ["uri", "kind", "code", "skill_type", "reuse_level", "isco_group_id", "status"]


@dataclass
class Counts:
    created: int = 0
    updated: int = 0
    unchanged: int = 0
    deleted: int = 0
    skipped: int = 0

    @property
    def changed(self) -> int:
        return self.created + self.updated + self.deleted


@dataclass
class SyncResult:
    counts: dict[str, Counts] = field(default_factory=dict)
    unknown_uris: set[str] = field(default_factory=set)

    @property
    def changed(self) -> bool:
        return any(c.changed for c in self.counts.values())


class Syncer:
    def __init__(self, data: Dataset):
        self.data = data
        self.result = SyncResult()
        self.ids: dict[str, int] = {}
        self.kinds: dict[int, str] = {}
        self.created: set[int] = set()
        self.changed: set[int] = set()

    def run(self) -> SyncResult:
        existing = {row[1]: row for row in Concept.objects.values_list("id", *CONCEPT_FIELDS)}
        self.ids = {uri: row[0] for uri, row in existing.items()}
        self.kinds = {row[0]: row[2] for row in existing.values()}
        for name in CONCEPT_NAMES.values():
            self.result.counts[name] = Counts()
        # ISCO groups first: occupations point at them.
        order = [
            ConceptKind.ISCO_GROUP,
            ConceptKind.SKILL_GROUP,
            ConceptKind.OCCUPATION,
            ConceptKind.SKILL,
        ]
        for kind in order:
            self._concepts(kind, existing)
        self._labels()
        self._descriptions()
        self._count_concepts()
        self._occupation_skills()
        self._broader()
        self._skill_relations()
        self._collections()
        return self.result

    # ------------------------------------------------------------------ concepts
    def _concepts(self, kind: str, existing: dict) -> None:
        new_rows, updates = [], []
        for uri, c in self.data.concepts.items():
            if c.kind != kind:
                continue
            isco_id = None
            if c.isco_code:
                isco_id = self._isco_ids().get(c.isco_code)
            row = (uri, kind, c.code[:40], c.skill_type, c.reuse_level, isco_id, c.status[:20])
            old = existing.get(uri)
            if old is None:
                new_rows.append(row)
            elif old[1:] != row:
                updates.append(Concept(id=old[0], **dict(zip(CONCEPT_FIELDS, row, strict=True))))
                self.changed.add(old[0])
        insert_rows(Concept, CONCEPT_FIELDS, new_rows)
        Concept.objects.bulk_update(updates, CONCEPT_FIELDS[1:], batch_size=500)
        if new_rows:
            for pk, uri in Concept.objects.filter(kind=kind).values_list("id", "uri"):
                if uri not in self.ids:
                    self.ids[uri] = pk
                    self.kinds[pk] = kind
                    self.created.add(pk)
            self._isco_cache = None

    _isco_cache: dict[str, int] | None = None

    def _isco_ids(self) -> dict[str, int]:
        if self._isco_cache is None:
            self._isco_cache = dict(
                Concept.objects.filter(kind=ConceptKind.ISCO_GROUP).values_list("code", "id")
            )
        return self._isco_cache

    def _count_concepts(self) -> None:
        for uri, c in self.data.concepts.items():
            pk = self.ids[uri]
            counts = self.result.counts[CONCEPT_NAMES[c.kind]]
            if pk in self.created:
                counts.created += 1
            elif pk in self.changed:
                counts.updated += 1
            else:
                counts.unchanged += 1

    # ------------------------------------------------------------ labels, texts
    def _labels(self) -> None:
        old: dict[tuple[int, str], dict[tuple[int, str], tuple[int, str]]] = {}
        rows = Label.objects.filter(language__in=self.data.languages).values_list(
            "id", "concept_id", "language", "kind", "text", "source"
        )
        for pk, cid, lang, kind, text, source in rows.iterator(chunk_size=20000):
            old.setdefault((cid, lang), {})[(kind, text)] = (pk, source)
        sources = self.data.label_sources
        to_delete, to_insert, updates = [], [], []
        for uri, per_lang in self.data.labels.items():
            cid = self.ids[uri]
            for lang, labels in per_lang.items():
                before = old.get((cid, lang), {})
                gone = [pk for key, (pk, _) in before.items() if key not in labels]
                changed = False
                for kind, text in labels:
                    source = sources.get((uri, lang, kind, text), LabelSource.ESCO)
                    if (kind, text) not in before:
                        to_insert.append((cid, lang, kind, text, source))
                        changed = True
                    elif before[(kind, text)][1] != source:
                        updates.append(Label(pk=before[(kind, text)][0], source=source))
                        changed = True
                if gone or changed:
                    to_delete += gone
                    self.changed.add(cid)
        to_insert.sort()  # a stable row order, whatever the set order was
        delete_ids(Label, to_delete)  # first: a changed preferred label is unique per language
        insert_rows(Label, ["concept_id", "language", "kind", "text", "source"], to_insert)
        Label.objects.bulk_update(updates, ["source"], batch_size=500)
        self.result.counts["labels"] = Counts(
            created=len(to_insert), updated=len(updates), deleted=len(to_delete)
        )

    def _descriptions(self) -> None:
        old = {
            (cid, lang): (pk, text)
            for pk, cid, lang, text in Description.objects.filter(
                language__in=self.data.languages
            ).values_list("id", "concept_id", "language", "text")
        }
        to_delete, to_insert, updates = [], [], []
        for uri, per_lang in self.data.labels.items():
            cid = self.ids[uri]
            texts = self.data.descriptions.get(uri, {})
            for lang in per_lang:
                text, before = texts.get(lang, ""), old.get((cid, lang))
                if before and not text:
                    to_delete.append(before[0])
                elif text and not before:
                    to_insert.append((cid, lang, text))
                elif text and before[1] != text:
                    updates.append(Description(id=before[0], text=text))
                else:
                    continue
                self.changed.add(cid)
        delete_ids(Description, to_delete)
        insert_rows(Description, ["concept_id", "language", "text"], to_insert)
        Description.objects.bulk_update(updates, ["text"], batch_size=500)

    # ----------------------------------------------------------------- relations
    def _resolve(self, *uris: str) -> tuple[int, ...] | None:
        ids = tuple(self.ids.get(u) for u in uris)
        if None in ids:
            self.result.unknown_uris.update(u for u in uris if u not in self.ids)
            return None
        return ids

    def _sync_pairs(
        self,
        name,
        model,
        pair_fields,
        value_fields,
        old: dict,
        new: dict,
        may_delete=lambda key: True,
    ) -> None:
        """`old`: {(a_id, b_id): (pk, values)}, `new`: {(a_uri, b_uri): values}."""
        counts = self.result.counts[name] = Counts()
        resolved = {}
        for uris, values in new.items():
            ids = self._resolve(*uris)
            if ids is None:
                counts.skipped += 1
            else:
                resolved[ids] = values
        to_insert, updates = [], []
        for key, values in resolved.items():
            before = old.get(key)
            if before is None:
                to_insert.append((*key, *values))
            elif before[1] != values:
                updates.append(model(pk=before[0], **dict(zip(value_fields, values, strict=True))))
            else:
                counts.unchanged += 1
        to_delete = [pk for key, (pk, _) in old.items() if key not in resolved and may_delete(key)]
        delete_ids(model, to_delete)
        to_insert.sort()
        insert_rows(model, [*pair_fields, *value_fields], to_insert)
        if updates:
            model.objects.bulk_update(updates, value_fields, batch_size=500)
        counts.created, counts.updated, counts.deleted = (
            len(to_insert),
            len(updates),
            len(to_delete),
        )

    def _occupation_skills(self) -> None:
        if self.data.occupation_skills is None:
            return
        old = {
            (occ, skill): (pk, (rel, stype))
            for pk, occ, skill, rel, stype in OccupationSkill.objects.values_list(
                "id", "occupation_id", "skill_id", "relation_type", "skill_type"
            )
        }
        new = {k: (rel, stype[:20]) for k, (rel, stype) in self.data.occupation_skills.items()}
        self._sync_pairs(
            "occupation–skill relations",
            OccupationSkill,
            ["occupation_id", "skill_id"],
            ["relation_type", "skill_type"],
            old,
            new,
        )

    def _broader(self) -> None:
        old = {
            (c, b): (pk, ())
            for pk, c, b in Broader.objects.values_list("id", "concept_id", "broader_id")
        }
        synced = self.data.broader_synced_kinds
        self._sync_pairs(
            "broader relations",
            Broader,
            ["concept_id", "broader_id"],
            [],
            old,
            dict.fromkeys(self.data.broader, ()),
            may_delete=lambda key: self.kinds.get(key[0]) in synced,
        )

    def _skill_relations(self) -> None:
        if self.data.skill_relations is None:
            return
        old = {
            (s, r): (pk, (t,))
            for pk, s, r, t in SkillRelation.objects.values_list(
                "id", "skill_id", "related_id", "relation_type"
            )
        }
        new = {k: (t,) for k, t in self.data.skill_relations.items()}
        self._sync_pairs(
            "skill–skill relations",
            SkillRelation,
            ["skill_id", "related_id"],
            ["relation_type"],
            old,
            new,
        )

    def _collections(self) -> None:
        counts = self.result.counts["collection memberships"] = Counts()
        for code, members in sorted(self.data.collections.items()):
            old = {
                cid: pk
                for pk, cid in CollectionMembership.objects.filter(collection=code).values_list(
                    "id", "concept_id"
                )
            }
            wanted = {self.ids[u] for u in members if u in self.ids}
            to_insert = [(code, cid) for cid in wanted if cid not in old]
            to_delete = [pk for cid, pk in old.items() if cid not in wanted]
            insert_rows(CollectionMembership, ["collection", "concept_id"], to_insert)
            delete_ids(CollectionMembership, to_delete)
            counts.created += len(to_insert)
            counts.deleted += len(to_delete)
            counts.unchanged += len(wanted) - len(to_insert)
