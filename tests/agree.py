#!/usr/bin/env python3
"""agree.py FILE...: goninja check --json against readelf (ELF: the
interpreter and the NEEDED list, in order; readelf -V: every version need
with its file and index, and the symbol named for each) and file(1) (every
format: the format and the architecture). Prints one line per
disagreement; exit 1 if any."""
import json, os, re, subprocess, sys

goninja = os.environ["GONINJA"]
report = json.loads(subprocess.run([goninja, "check", "--json"] + sys.argv[1:],
                                   capture_output=True, text=True).stdout)
FILE_ARCH = {"amd64": "x86-64", "386": "80386", "arm64": "aarch64", "arm": "ARM",
             "riscv64": "RISC-V", "ppc64le": "PowerPC", "s390x": "S/390",
             "mips": "MIPS", "mips64le": "MIPS", "loong64": "LoongArch"}
MACHO_ARCH = {"amd64": "x86_64", "arm64": "arm64"}


def readelf_versions(f):
    """readelf -V and --dyn-syms: [(file, name, index)] from .gnu.version_r,
    and {index: the lowest-numbered symbol with that version}"""
    v = subprocess.run(["readelf", "-VW", f], capture_output=True, text=True).stdout
    needs, where, cur = [], None, None
    versym = []
    for line in v.splitlines():
        if line.startswith("Version symbols section"):
            where = "sym"
        elif line.startswith("Version needs section"):
            where = "need"
        elif line.startswith("Version definition section"):
            where = None
        elif where == "need":
            m = re.search(r"File: (\S+)\s+Cnt:", line)
            if m:
                cur = m.group(1)
            m = re.search(r"Name: (\S+)\s+Flags: .*Version: (\d+)", line)
            if m:
                needs.append((cur, m.group(1), int(m.group(2))))
        elif where == "sym" and re.match(r"^\s+[0-9a-f]+:", line):
            versym += [int(x, 16) for x in re.findall(r"([0-9a-f]+)h?\s*\(", line.split(":", 1)[1])]
    d = subprocess.run(["readelf", "--dyn-syms", "-W", f], capture_output=True, text=True).stdout
    names = {}
    for line in d.splitlines():
        m = re.match(r"^\s+(\d+): ", line)
        if m:
            parts = line.split()
            names[int(m.group(1))] = parts[7].split("@")[0] if len(parts) > 7 else ""
    first = {}
    for i, x in enumerate(versym):
        if i > 0 and x not in first:
            first[x] = names.get(i)
    return needs, first


bad = 0
for r in report:
    f, imgs = r["file"], r["images"]
    if not r["format"]:
        print(f"{f}: check cannot read it: {r['problems']}")
        bad += 1
        continue
    desc = subprocess.run(["file", "-b", f], capture_output=True, text=True).stdout
    if r["format"] == "ELF":
        im = imgs[0]
        lw = subprocess.run(["readelf", "-lW", f], capture_output=True, text=True).stdout
        dw = subprocess.run(["readelf", "-dW", f], capture_output=True, text=True).stdout
        m = re.search(r"Requesting program interpreter: (.*)\]", lw)
        needed = re.findall(r"\(NEEDED\)\s+Shared library: \[(.*)\]", dw)
        if (m.group(1) if m else None) != im["interpreter"] or needed != im["needed"]:
            print(f"{f}: readelf says {m and m.group(1)} {needed}, check says {im['interpreter']} {im['needed']}")
            bad += 1
        needs, first = readelf_versions(f)
        mine = [(x["file"], x["name"], x["index"]) for x in im["versions"]]
        if needs != mine:
            print(f"{f}: readelf -V needs {needs}, check says {mine}")
            bad += 1
        for x in im["versions"]:
            if x["symbol"] != first.get(x["index"]):
                print(f"{f}: {x['name']}: readelf's first symbol is {first.get(x['index'])}, check says {x['symbol']}")
                bad += 1
        if not desc.startswith("ELF") or FILE_ARCH.get(im["arch"], "?") not in desc:
            print(f"{f}: file says {desc.strip()}, check says {im['arch']}")
            bad += 1
    elif r["format"] == "PE":
        if not desc.startswith("PE32") or FILE_ARCH.get(imgs[0]["arch"], "?") not in desc:
            print(f"{f}: file says {desc.strip()}, check says PE {imgs[0]['arch']}")
            bad += 1
    elif r["format"].startswith("Mach-O"):
        archs = [MACHO_ARCH.get(i["arch"], "?") for i in imgs]
        if "Mach-O" not in desc or not all(a in desc for a in archs):
            print(f"{f}: file says {desc.strip()}, check says {archs}")
            bad += 1
        if r["format"] == "Mach-O fat" and f"{len(imgs)} architectures" not in desc:
            print(f"{f}: file says {desc.strip()}, check says {len(imgs)} slices")
            bad += 1
print(f"{len(report)} files compared, {bad} disagreements")
sys.exit(1 if bad or not report else 0)
