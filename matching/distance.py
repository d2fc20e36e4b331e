"""Road distances between homes and district jobs, for many pairs at once.

Hard limits compare these with the commute, so they must agree with the scalar
``matching.geo.road_km``. A block uses a faster form of the haversine formula in float32
(sines of half-angle differences from per-side sines and cosines, no per-pair sine), which is
off by a few metres at most; the few pairs within ``BOUNDARY_BAND_KM`` of the commute are
then recomputed in float64 step by step as ``matching.geo`` does, so every limit is decided on
the same arithmetic as the scalar check.
"""

from __future__ import annotations

import numpy as np

from matching.arrays import Pairing
from matching.geo import EARTH_RADIUS_KM
from matching.records import MatchConfig

# Pairs whose fast distance is this close to the commute are recomputed exactly: ten times the
# worst float32 error of the fast form at district distances.
BOUNDARY_BAND_KM = 0.02


def road_km_pairs(pairing: Pairing, config: MatchConfig) -> np.ndarray:
    """Road distance estimates of every pair; NaN outside Wanzhou or when unknown."""
    workers, openings = pairing.workers, pairing.openings
    if not openings.in_wanzhou.any():
        return np.full(openings.in_wanzhou.shape, np.nan)  # broadcasts over the workers
    if not pairing.is_block:
        road = np.full(pairing.shape, np.nan)
        local = openings.in_wanzhou
        road[local] = exact_road_km(
            workers.lat_rad[local],
            workers.lon_deg[local],
            openings.lat_rad[local],
            openings.lon_deg[local],
            config.circuity,
        )
        return road
    return _block_road_km(pairing, config)


def _block_road_km(pairing: Pairing, config: MatchConfig) -> np.ndarray:
    workers, openings = pairing.workers, pairing.openings
    lat2 = np.where(openings.in_wanzhou, openings.lat_rad, np.nan)
    road = fast_road_km(workers.lat_rad, workers.lon_deg, lat2, openings.lon_deg, config.circuity)
    band = np.abs(road - np.float32(config.commute_km)) <= np.float32(BOUNDARY_BAND_KM)
    if band.any():
        road = road.astype(float)
        rows, cols = np.nonzero(band)
        road[rows, cols] = exact_road_km(
            workers.lat_rad[rows, 0],
            workers.lon_deg[rows, 0],
            lat2[0, cols],
            openings.lon_deg[0, cols],
            config.circuity,
        )
    return road


def exact_road_km(lat1_rad, lon1_deg, lat2_rad, lon2_deg, circuity: float) -> np.ndarray:
    """``matching.geo.road_km`` on arrays, operation for operation."""
    dlmb = np.radians(lon2_deg - lon1_deg)
    a = np.sin((lat2_rad - lat1_rad) / 2) ** 2
    a = a + np.cos(lat1_rad) * np.cos(lat2_rad) * np.sin(dlmb / 2) ** 2
    km = 2 * EARTH_RADIUS_KM * np.arcsin(np.sqrt(np.minimum(1.0, a)))
    return km * circuity


def fast_road_km(lat1_rad, lon1_deg, lat2_rad, lon2_deg, circuity: float) -> np.ndarray:
    """Haversine in float32 with sin((x2 - x1) / 2) expanded: only the sides take sines."""
    f32 = np.float32
    half_lat1, half_lat2 = (lat1_rad / 2).astype(f32), (lat2_rad / 2).astype(f32)
    half_lon1 = (np.radians(lon1_deg) / 2).astype(f32)
    half_lon2 = (np.radians(lon2_deg) / 2).astype(f32)
    sin_dlat = np.sin(half_lat2) * np.cos(half_lat1) - np.cos(half_lat2) * np.sin(half_lat1)
    sin_dlon = np.sin(half_lon2) * np.cos(half_lon1) - np.cos(half_lon2) * np.sin(half_lon1)
    cosines = np.cos(lat1_rad).astype(f32) * np.cos(lat2_rad).astype(f32)
    a = sin_dlat * sin_dlat + cosines * (sin_dlon * sin_dlon)
    km = np.arcsin(np.sqrt(np.minimum(f32(1), a)))
    return km * f32(2 * EARTH_RADIUS_KM * circuity)
