"""Where an obligation binds and where a procedure is carried out, read from bodies' names.

A document binds the territory its issuer governs: the whole country for a central body, the
province, district or commune a people's committee or one of its departments serves. The
place comes from the body's name ("Ủy ban nhân dân huyện An Bình") or, for a body named
without one ("Sở Nội vụ"), from the bodies above it; the level from the kind of place, unless
the agency's own level says otherwise (a city run by the centre is a province). Nothing here
names a place: it is all read from the agency list and the portal's settings.
"""

from __future__ import annotations

from directives.vocabulary import AgencyLevel
from procedures import rules
from reading.agencies import is_central_body, place_of

_LEVELS = {
    AgencyLevel.PROVINCE: rules.PROVINCE,
    AgencyLevel.DEPARTMENT: rules.PROVINCE,
    AgencyLevel.DISTRICT: rules.DISTRICT,
    AgencyLevel.COMMUNE: rules.COMMUNE,
}


def _chain(agency):
    """The agency, then the bodies above it (a loop in the list stops the walk)."""
    seen: set[int] = set()
    while agency is not None and agency.pk not in seen:
        seen.add(agency.pk)
        yield agency
        agency = agency.parent


def territory_of(agency) -> tuple[str, str]:
    """(level, place) an issuer's documents bind; a body whose place is not known binds its
    level anywhere (a province-level body: any province), and no issuer at all is taken for
    a province-level body of unknown place."""
    hint = ""
    for body in _chain(agency):
        if body.level in (AgencyLevel.CENTRAL, AgencyLevel.MINISTRY) or is_central_body(body.name):
            return rules.COUNTRY, ""
        found = place_of(body.name)
        if found:
            level, place = found
            return _LEVELS.get(body.level, hint or level), place
        hint = hint or _LEVELS.get(body.level, "")
    return hint or rules.PROVINCE, ""


def places_of(agency, portal_province: str = "") -> tuple[tuple[str, str], ...]:
    """Where a procedure handled by ``agency`` is carried out, by level: each body up the
    chain names its own place; the province is the portal's when no body names one."""
    places: dict[str, str] = {}
    for body in _chain(agency):
        found = place_of(body.name)
        if found:
            level = _LEVELS.get(body.level, found[0])
            places.setdefault(level, found[1])
    if portal_province:
        places.setdefault(rules.PROVINCE, portal_province)
    return tuple(places.items())


def portal_province() -> str:
    """The province the portal serves, as its settings name the authority that runs it
    ("Ủy ban nhân dân tỉnh Sông Xanh"); "" when the name says no province."""
    # Imported when asked: migration 0007 imports this module for ``territory_of``, and a
    # historical migration must not load today's models at import.
    from wagtail.models import Site

    from home.models import PortalSettings

    site = Site.objects.filter(is_default_site=True).first()
    if site is None:
        return ""
    found = place_of(PortalSettings.for_site(site).authority_name)
    return found[1] if found and found[0] == rules.PROVINCE else ""
