#!/usr/bin/env python3
"""agree.py FILE...: goninja check --json against readelf (ELF: the
interpreter and the NEEDED list, in order) and file(1) (every format: the
format and the architecture). Prints one line per disagreement; exit 1
if any."""
import json, os, re, subprocess, sys

goninja = os.environ["GONINJA"]
report = json.loads(subprocess.run([goninja, "check", "--json"] + sys.argv[1:],
                                   capture_output=True, text=True).stdout)
FILE_ARCH = {"amd64": "x86-64", "386": "80386", "arm64": "aarch64", "arm": "ARM",
             "riscv64": "RISC-V", "ppc64le": "PowerPC", "s390x": "S/390",
             "mips": "MIPS", "mips64le": "MIPS", "loong64": "LoongArch"}
MACHO_ARCH = {"amd64": "x86_64", "arm64": "arm64"}
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
