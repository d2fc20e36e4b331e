"""Distances between places given by latitude and longitude."""

from __future__ import annotations

import math

import numpy as np

EARTH_RADIUS_KM = 6371.0088

# Roads in the Three Gorges mountains wind: a road trip is about 1.4 times the straight line.
DEFAULT_CIRCUITY = 1.4


def great_circle_km(lat1: float, lon1: float, lat2: float, lon2: float) -> float:
    """Haversine distance in kilometres between two points."""
    phi1, phi2 = math.radians(lat1), math.radians(lat2)
    dphi = phi2 - phi1
    dlmb = math.radians(lon2 - lon1)
    a = math.sin(dphi / 2) ** 2 + math.cos(phi1) * math.cos(phi2) * math.sin(dlmb / 2) ** 2
    return 2 * EARTH_RADIUS_KM * math.asin(math.sqrt(min(1.0, a)))


def road_km(
    lat1: float, lon1: float, lat2: float, lon2: float, circuity: float = DEFAULT_CIRCUITY
) -> float:
    """Road distance estimate: great-circle distance times a circuity factor."""
    return great_circle_km(lat1, lon1, lat2, lon2) * circuity


def great_circle_matrix_km(lats: np.ndarray, lons: np.ndarray) -> np.ndarray:
    """All-pairs haversine distances (km) for points given as two equal-length arrays."""
    phi = np.radians(np.asarray(lats, dtype=float))
    lmb = np.radians(np.asarray(lons, dtype=float))
    dphi = phi[:, None] - phi[None, :]
    dlmb = lmb[:, None] - lmb[None, :]
    a = np.sin(dphi / 2) ** 2 + np.cos(phi)[:, None] * np.cos(phi)[None, :] * np.sin(dlmb / 2) ** 2
    return 2 * EARTH_RADIUS_KM * np.arcsin(np.sqrt(np.clip(a, 0.0, 1.0)))
