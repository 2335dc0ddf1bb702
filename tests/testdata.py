"""Helpers the test-data build scripts share (tests/formats-set, tests/video-set and tests/places-set build.py)."""
import json
import subprocess


def run(args, env, **kwargs):
    """Runs a tool with a fixed environment, failing loudly; its output captured."""
    return subprocess.run([str(a) for a in args], check=True, capture_output=True, env=env, **kwargs)


def package_versions(packages):
    """The installed Debian version of each package (None when it is not installed): what decided the bytes written."""
    versions = {}
    for package in packages:
        result = subprocess.run(["dpkg-query", "-W", "-f", "${Version}", package], capture_output=True, text=True)
        versions[package] = result.stdout.strip() if result.returncode == 0 else None
    return versions


def coco_photos(coco):
    """Each COCO photo of the shared mini set by file name: its captions, licence and addresses."""
    data = json.loads((coco / "captions.json").read_text())
    by_id = {}
    for a in data["annotations"]:
        by_id.setdefault(a["image_id"], []).append(a["caption"].strip())
    licences = {lic["id"]: lic for lic in data["licenses"]}
    return {im["file_name"]: {"captions": by_id[im["id"]], "licence": licences[im["license"]]["name"],
                              "licenceUrl": licences[im["license"]]["url"], "flickr": im["flickr_url"],
                              "coco": im["coco_url"]} for im in data["images"]}
