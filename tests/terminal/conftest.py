"""Fixtures for the real-terminal tests: the console as a process on a pty, against a local service.

`launch(seed="demo", *, args=(), size=(120, 40), env=None, compartment=<seed default>, emulator=None,
**emulator_kwargs) -> Console` starts a local service in this process (real HTTP on loopback, a fresh
key), then the console on a pseudo-terminal pointed at it with the shared identity's config file.
Every console is closed and every service stopped at teardown; a failing test prints the screen.

`pressure` is a fixture that keeps every core busy (low priority, bounded) for the test's duration.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator, Sequence

import pytest

from .harness import Console, cpu_pressure
from tui.emulator import Emulator, RealClock


def _default_compartment(emu: Emulator) -> str | None:
    extras = getattr(emu.seed_info, "extras", {}) or {}
    for key in ("models_compartment_id", "scale_compartment_id", "hostile_compartment_id"):
        if extras.get(key):
            return str(extras[key])
    return None


@pytest.fixture
def launch(make_emulator, identity, tmp_path) -> Iterator[Callable[..., Console]]:
    consoles: list[Console] = []

    def factory(seed: str = "demo", *, args: Sequence[str] = (), size: tuple[int, int] = (120, 40),
                env: dict[str, str] | None = None, compartment: str | None = None,
                emulator: Emulator | None = None, wait_connected: bool = True, **emulator_kwargs: object) -> Console:
        emu = emulator or make_emulator(seed, clock=emulator_kwargs.pop("clock", None) or RealClock(speed=1.0),
                                        **emulator_kwargs)
        compartment = compartment or _default_compartment(emu)
        argv = ["--config-file", str(identity.config_file), "--profile", identity.profile,
                "--endpoint-template", emu.endpoint_template, *(["--compartment", compartment] if compartment else []),
                "--log-file", str(tmp_path / f"console-{len(consoles)}.log"), *args]
        console = Console(argv, home=tmp_path / f"home-{len(consoles)}", size=size, env=env)
        console.emulator = emu  # type: ignore[attr-defined]
        consoles.append(console)
        if wait_connected:
            console.wait_until(lambda: "updated" in console.screen_text(), 30, "the first list to load")
            console.wait_quiet(0.3)
        return console

    yield factory
    for console in consoles:
        console.close()


@pytest.fixture
def pressure() -> Iterator[None]:
    """Every core busy at low priority while the test runs (bounded: the loops end by themselves)."""
    with cpu_pressure(seconds=180):
        yield
