"""Where the console is pointed: profile, region, compartment. The header shows all of it, always.

Kept in one small object because every view, the header, the pickers and the wizards read it, and
because switching any part of it must reload the same things the same way.
"""

from __future__ import annotations

from dataclasses import dataclass

from tui.facts.regions import Region


@dataclass
class Context:
    profile: str
    region: Region
    compartment_id: str | None
    compartment_path: str = "root"
    all_regions: bool = False  # the fan-out view: one compartment across every region
    tenancy_id: str | None = None

    @property
    def region_label(self) -> str:
        return "all regions" if self.all_regions else self.region.id
