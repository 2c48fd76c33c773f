"""A real git repository in a temp folder, with fixed authors and dates, for history tests."""

from __future__ import annotations

import os
import subprocess
from pathlib import Path

AUTHOR_EMAIL = "jane.doe@example.org"
AUTHOR = "Jane Doe"


class Repo:
    def __init__(self, root: Path) -> None:
        self.root = root
        self.day = 0
        root.mkdir(parents=True, exist_ok=True)
        self.git("init", "-q", "-b", "main")

    def git(self, *args: str) -> str:
        env = {**os.environ, "GIT_CONFIG_GLOBAL": os.devnull, "GIT_CONFIG_NOSYSTEM": "1"}
        if self.day:
            date = f"2026-01-{self.day:02d}T12:00:00+00:00"
            env.update(GIT_AUTHOR_DATE=date, GIT_COMMITTER_DATE=date)
        done = subprocess.run(["git", "-c", f"user.name={AUTHOR}", "-c", f"user.email={AUTHOR_EMAIL}", *args],
                              cwd=self.root, env=env, capture_output=True, text=True, check=True)
        return done.stdout

    def write(self, name: str, text: str) -> None:
        file = self.root / "disclosures" / name
        file.parent.mkdir(parents=True, exist_ok=True)
        file.write_text(text, encoding="utf-8")

    def commit(self, message: str) -> str:
        self.day += 1
        self.git("add", "-A")
        self.git("commit", "-q", "-m", message, "-m", f"Signed-off-by: {AUTHOR} <{AUTHOR_EMAIL}>")
        return self.git("rev-parse", "HEAD").strip()


def disclosure(company_id: str, name: str = "Acme Example Ltd", suppliers: str = "", audit: str = "planned",
               extra: str = "") -> str:
    audit_block = ("    due: 2026-06-30\n" if audit == "planned" else
                   "    date: 2025-11-30\n    conducted_by: {name: Example Audit Co, independent: true}\n")
    return (f"schema_version: \"1.0\"\ncompany:\n  id: {company_id}\n  name: {name}\n  headquarters: GB\n"
            "disclosure:\n  period: {start: 2025-01-01, end: 2025-12-31}\n  published: 2026-01-01\n"
            "  example: true\n"
            f"{suppliers}"
            "due_diligence:\n  - id: audit-2025\n    step: independent-audit\n"
            f"    status: {audit}\n    summary: Audit of tier-two suppliers\n{audit_block}{extra}")


KASHGAR = ("  - id: kashgar-yarn\n    name: Kashgar Yarn Co.\n    country: CN\n    subdivision: CN-XJ\n"
           "    relationship: supplier\n    tier: 2\n")
DHAKA = "  - {id: dhaka-knit, name: Dhaka Knit Ltd, country: BD, relationship: supplier, tier: 1}\n"


def tell_story(root: Path) -> tuple[Repo, dict[str, str]]:
    """The scripted life of one company, step by step; returns each step's commit."""
    repo, shas = Repo(root), {}
    repo.write("acme.yaml", disclosure("acme"))
    repo.write("other.yaml", disclosure("other", name="Other Example plc"))
    shas["add"] = repo.commit("Add Acme and Other")
    repo.write("acme.yaml", disclosure("acme", suppliers="suppliers:\n" + KASHGAR + DHAKA))
    shas["suppliers"] = repo.commit("Add two suppliers")
    reordered = disclosure("acme", suppliers="suppliers:\n" + DHAKA + KASHGAR.replace("tier: 2", "tier: 2  # yarn"))
    repo.write("acme.yaml", reordered.replace("headquarters: GB", "headquarters: \"GB\""))
    shas["reorder"] = repo.commit("Reorder suppliers")
    repo.write("acme.yaml", disclosure("acme", suppliers="suppliers:\n" + KASHGAR + DHAKA, audit="completed"))
    shas["complete"] = repo.commit("Audit completed")
    repo.write("acme.yaml", disclosure("acme", suppliers="suppliers:\n" + KASHGAR + DHAKA))
    shas["reopen"] = repo.commit("Audit planned again")
    repo.git("mv", "disclosures/acme.yaml", "disclosures/acme-group.yaml")
    repo.write("acme-group.yaml", disclosure("acme-group", suppliers="suppliers:\n" + KASHGAR + DHAKA))
    shas["rename"] = repo.commit("Rename Acme to Acme Group")
    repo.write("acme-group.yaml", disclosure("acme-group", suppliers="suppliers:\n" + KASHGAR + DHAKA,
                                             audit="finished"))
    shas["invalid"] = repo.commit("Broken status")
    repo.write("acme-group.yaml", disclosure("acme-group", suppliers="suppliers:\n" + KASHGAR))
    shas["fix"] = repo.commit("Fix status, drop Dhaka")
    (root / "disclosures" / "acme-group.yaml").unlink()
    shas["withdraw"] = repo.commit("Withdraw Acme Group")
    return repo, shas
