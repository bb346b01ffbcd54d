"""The Generative AI regions, and how a region is named by operators, configs and OCIDs.

Operators type `ord`, `ORD` or `us-chicago-1`; OCIDs carry either the old 3-letter key or the
full id in their fourth segment. Everything that routes a call goes through `resolve_region`, so
the precedence (explicit > the resource's own region > the profile default) lives in one place.
"""

from __future__ import annotations

from dataclasses import dataclass

HOME_REGION_ID = "us-chicago-1"


@dataclass(frozen=True)
class Region:
    id: str
    key: str
    realm: str
    name: str
    second_level_domain: str

    @property
    def management_endpoint(self) -> str:
        return f"https://generativeai.{self.id}.oci.{self.second_level_domain}"

    def __str__(self) -> str:
        return self.id


_OC1 = "oraclecloud.com"

#: Every region that hosts Generative AI (reference §4.2), in the order the docs list them.
REGIONS: tuple[Region, ...] = (
    Region("sa-saopaulo-1", "gru", "oc1", "Brazil East (São Paulo)", _OC1),
    Region("eu-frankfurt-1", "fra", "oc1", "Germany Central (Frankfurt)", _OC1),
    Region("ap-hyderabad-1", "hyd", "oc1", "India South (Hyderabad)", _OC1),
    Region("ap-osaka-1", "kix", "oc1", "Japan Central (Osaka)", _OC1),
    Region("me-riyadh-1", "ruh", "oc1", "Saudi Arabia Central (Riyadh)", _OC1),
    Region("me-abudhabi-1", "auh", "oc1", "UAE Central (Abu Dhabi)", _OC1),
    Region("me-dubai-1", "dxb", "oc1", "UAE East (Dubai)", _OC1),
    Region("uk-london-1", "lhr", "oc1", "UK South (London)", _OC1),
    Region("us-ashburn-1", "iad", "oc1", "US East (Ashburn)", _OC1),
    Region("us-chicago-1", "ord", "oc1", "US Midwest (Chicago)", _OC1),
    Region("us-phoenix-1", "phx", "oc1", "US West (Phoenix)", _OC1),
    Region("uk-gov-london-1", "ltn", "oc4", "UK Gov South (London)", "oraclegovcloud.uk"),
    Region("eu-frankfurt-2", "str", "oc19", "EU Sovereign Central (Frankfurt)", "oraclecloud.eu"),
)

_BY_NAME: dict[str, Region] = {}
for _r in REGIONS:
    _BY_NAME[_r.id] = _r
    _BY_NAME[_r.key] = _r


class UnknownRegionError(ValueError):
    """A region name that is not one of the Generative AI regions."""

    def __init__(self, value: object):
        self.value = value
        valid = ", ".join(f"{r.id} ({r.key})" for r in REGIONS)
        super().__init__(f"unknown Generative AI region {value!r}; valid regions: {valid}")


def lookup_region(value: str | Region) -> Region:
    """The region named by an id (`us-chicago-1`) or a 3-letter key (`ORD`), in any case."""
    if isinstance(value, Region):
        return value
    if not isinstance(value, str):
        raise UnknownRegionError(value)
    region = _BY_NAME.get(value.strip().lower())
    if region is None:
        raise UnknownRegionError(value)
    return region


def is_region(value: str) -> bool:
    return isinstance(value, str) and value.strip().lower() in _BY_NAME


def ocid_region_segment(ocid: str) -> str | None:
    """The raw fourth segment of an OCID (`ocid1.<type>.<realm>.<region>.<unique>`), or None.

    Tenancy, compartment and user OCIDs have an empty region segment (`ocid1.tenancy.oc1..aaaa`).
    """
    if not isinstance(ocid, str) or not ocid.startswith("ocid1."):
        return None
    parts = ocid.split(".")
    if len(parts) < 5:
        return None
    return parts[3] or None


def region_from_ocid(ocid: str | None) -> Region | None:
    """The region an OCID lives in, or None for global resources and foreign region segments."""
    segment = ocid_region_segment(ocid) if ocid else None
    if segment is None:
        return None
    return _BY_NAME.get(segment.lower())


def resolve_region(
    explicit: str | Region | None,
    ocid: str | None,
    default: str | Region | None,
) -> Region:
    """Explicit option > the resource OCID's region segment > the profile's default."""
    if explicit:
        return lookup_region(explicit)
    from_ocid = region_from_ocid(ocid)
    if from_ocid is not None:
        return from_ocid
    if default:
        return lookup_region(default)
    raise UnknownRegionError(None)
