"""The review queue's source-health part: published claims every one of whose sources is dead,
each named in words, with the dead URLs and their archived copies."""

from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

from sqlalchemy import and_, select
from sqlmodel import Session

from api.citations.models import Citation
from api.designations.models import OutletDesignation
from api.organizations.models import Organization, OutletDomain
from api.people.models import Person
from api.profiles.projection import chunks, table
from api.relations.models import RELATION_LABELS, ClaimCitation, Relation
from api.sources.models import DeadClaim, DeadSource, SourceCheck

OWNERS = ("organization_id", "person_id", "domain_id", "relation_id", "designation_id")


@dataclass(frozen=True, slots=True)
class _Claim:
    owner: str  # one of OWNERS
    owner_id: int
    claim: str


def _dead_sources(session: Session) -> dict[int, DeadSource]:
    """Published citations whose current URL is dead, by citation id."""
    c, s = table(Citation), table(SourceCheck)
    rows = session.execute(
        select(c.c.id, c.c.key, c.c.url, c.c.archive_url, c.c.title, s)
        .join(s, and_(s.c.citation_key == c.c.key, s.c.url == c.c.url))
        .where(s.c.dead.is_(True))
    ).mappings()
    return {
        row["id"]: DeadSource(
            key=row["key"],
            url=row["url"],
            archive_url=row["archive_url"],
            title=row["title"],
            outcome=row["outcome"],
            http_status=row["http_status"],
            failures=row["failures"],
            failing_since=row["failing_since"],
            checked_at=row["checked_at"],
        )
        for row in rows
    }


def _claims_of(session: Session, citation_ids: list[int]) -> dict[_Claim, list[int]]:
    """Every claim citing one of `citation_ids`, with all of its citation ids in order."""
    cc = table(ClaimCitation)
    touched: dict[str, set[int]] = defaultdict(set)
    for part in chunks(citation_ids):
        for row in session.execute(select(cc).where(cc.c.citation_id.in_(part))).mappings():
            owner = next(o for o in OWNERS if row[o] is not None)
            touched[owner].add(row[owner])
    claims: dict[_Claim, list[tuple[int, int]]] = defaultdict(list)
    for owner, ids in touched.items():
        for part in chunks(sorted(ids)):
            query = select(cc).where(cc.c[owner].in_(part))
            for row in session.execute(query).mappings():
                claim = _Claim(owner, row[owner], row["claim"])
                claims[claim].append((row["position"], row["citation_id"]))
    return {claim: [cid for _, cid in sorted(pairs)] for claim, pairs in claims.items()}


def dead_claims(session: Session) -> list[DeadClaim]:
    """Published claims every one of whose sources is dead; those without archived copies
    first, then by entity and claim."""
    dead = _dead_sources(session)
    if not dead:
        return []
    only_dead = {
        claim: ids
        for claim, ids in _claims_of(session, sorted(dead)).items()
        if all(cid in dead for cid in ids)
    }
    names = _Names(session, only_dead)
    items = [
        DeadClaim(
            **names.entity(claim),
            claim=claim.claim,
            about=names.about(claim),
            archived=all(dead[cid].archive_url for cid in ids),
            sources=[dead[cid] for cid in ids],
        )
        for claim, ids in only_dead.items()
    ]
    items.sort(key=lambda item: (item.archived, item.name.lower(), item.slug, item.about))
    return items


class _Names:
    """Resolves claim owners to their entity and a few words naming the claim."""

    def __init__(self, session: Session, claims: Iterable[_Claim]) -> None:
        wanted: dict[str, set[int]] = defaultdict(set)
        for claim in claims:
            wanted[claim.owner].add(claim.owner_id)
        self.domains = self._rows(session, OutletDomain, wanted["domain_id"])
        self.designations = self._rows(session, OutletDesignation, wanted["designation_id"])
        self.relations = self._rows(session, Relation, wanted["relation_id"])
        orgs = set(wanted["organization_id"])
        orgs |= {
            r["organization_id"] for r in (*self.domains.values(), *self.designations.values())
        }
        orgs |= {r["subject_org_id"] for r in self.relations.values() if r["subject_org_id"]}
        orgs |= {r["object_id"] for r in self.relations.values()}
        people = set(wanted["person_id"])
        people |= {
            r["subject_person_id"] for r in self.relations.values() if r["subject_person_id"]
        }
        self.orgs = self._rows(session, Organization, orgs)
        self.people = self._rows(session, Person, people)

    @staticmethod
    def _rows(session: Session, model: Any, ids: Iterable[int]) -> dict[int, Any]:
        t = table(model)
        found: dict[int, Any] = {}
        for part in chunks(sorted(set(ids))):
            found.update(
                (r["id"], r) for r in session.execute(select(t).where(t.c.id.in_(part))).mappings()
            )
        return found

    def _org(self, org_id: int) -> dict[str, str]:
        row = self.orgs[org_id]
        return {"entity_type": "organization", "slug": row["slug"], "name": row["name"]}

    def _person(self, person_id: int) -> dict[str, str]:
        row = self.people[person_id]
        return {"entity_type": "person", "slug": row["slug"], "name": row["name"]}

    def entity(self, claim: _Claim) -> dict[str, str]:
        if claim.owner == "organization_id":
            return self._org(claim.owner_id)
        if claim.owner == "person_id":
            return self._person(claim.owner_id)
        if claim.owner == "domain_id":
            return self._org(self.domains[claim.owner_id]["organization_id"])
        if claim.owner == "designation_id":
            return self._org(self.designations[claim.owner_id]["organization_id"])
        relation = self.relations[claim.owner_id]
        if relation["subject_org_id"]:
            return self._org(relation["subject_org_id"])
        return self._person(relation["subject_person_id"])

    def about(self, claim: _Claim) -> str:
        if claim.owner == "domain_id":
            domain = self.domains[claim.owner_id]
            return f"domain {domain['host']}{domain['path_prefix']}"
        if claim.owner == "designation_id":
            designation = self.designations[claim.owner_id]
            return f"designation {designation['scheme']}: {designation['value']}"
        if claim.owner == "relation_id":
            relation = self.relations[claim.owner_id]
            words = RELATION_LABELS.get(relation["type"], relation["type"])
            role = f" ({relation['role']})" if relation["role"] else ""
            return f"{words} {self.orgs[relation['object_id']]['name']}{role}"
        if claim.claim == "category":
            org = self.orgs.get(claim.owner_id)
            return f"category: {org['category']}" if org and org["category"] else "category"
        return "who they are"
