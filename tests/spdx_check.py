#!/usr/bin/env python3
"""spdx_check.py FILE...: each SPDX 2.3 JSON document checked field by field
against the specification's required fields, formats and relationships
(no SPDX validator is packaged for Debian 12). Prints "FILE: valid" or
the problems; exits 1 when a document has one."""
import json
import re
import sys

IDREF = re.compile(r"^SPDXRef-[A-Za-z0-9.-]+$")
DATE = re.compile(r"^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ$")
CREATOR = re.compile(r"^(Tool|Organization|Person): \S")
# SPDX 2.3 clause 7.10: the checksum algorithms, and their digest lengths
ALGOS = {"SHA1": 40, "SHA224": 56, "SHA256": 64, "SHA384": 96, "SHA512": 128,
         "SHA3-256": 64, "SHA3-384": 96, "SHA3-512": 128, "MD2": 32, "MD4": 32,
         "MD5": 32, "MD6": None, "BLAKE2b-256": 64, "BLAKE2b-384": 96,
         "BLAKE2b-512": 128, "BLAKE3": None, "ADLER32": 8}
PURPOSES = {"APPLICATION", "FRAMEWORK", "LIBRARY", "CONTAINER", "OPERATING_SYSTEM",
            "DEVICE", "FIRMWARE", "SOURCE", "ARCHIVE", "FILE", "INSTALL", "OTHER"}  # as the 2.3 JSON schema spells them
# clause 11.1: every relationship type 2.3 defines
RELS = set("""DESCRIBES DESCRIBED_BY CONTAINS CONTAINED_BY DEPENDS_ON DEPENDENCY_OF
DEPENDENCY_MANIFEST_OF BUILD_DEPENDENCY_OF DEV_DEPENDENCY_OF OPTIONAL_DEPENDENCY_OF
PROVIDED_DEPENDENCY_OF TEST_DEPENDENCY_OF RUNTIME_DEPENDENCY_OF EXAMPLE_OF GENERATES
GENERATED_FROM ANCESTOR_OF DESCENDANT_OF VARIANT_OF DISTRIBUTION_ARTIFACT PATCH_FOR
PATCH_APPLIED COPY_OF FILE_ADDED FILE_DELETED FILE_MODIFIED EXPANDED_FROM_ARCHIVE
DYNAMIC_LINK STATIC_LINK DATA_FILE_OF TEST_CASE_OF BUILD_TOOL_OF DEV_TOOL_OF TEST_OF
TEST_TOOL_OF DOCUMENTATION_OF OPTIONAL_COMPONENT_OF METAFILE_OF PACKAGE_OF AMENDS
PREREQUISITE_FOR HAS_PREREQUISITE REQUIREMENT_DESCRIPTION_FOR SPECIFICATION_FOR
OTHER""".split())
REF_CATEGORIES = {"SECURITY", "PACKAGE-MANAGER", "PERSISTENT-ID", "OTHER"}
DOC_FIELDS = {"spdxVersion", "dataLicense", "SPDXID", "name", "documentNamespace",
              "creationInfo", "documentDescribes", "packages", "relationships",
              "files", "snippets", "annotations", "comment",
              "externalDocumentRefs", "hasExtractedLicensingInfos"}
PKG_FIELDS = {"SPDXID", "name", "versionInfo", "packageFileName", "supplier",
              "originator", "downloadLocation", "filesAnalyzed",
              "packageVerificationCode", "checksums", "homepage", "sourceInfo",
              "licenseConcluded", "licenseInfoFromFiles", "licenseDeclared",
              "licenseComments", "copyrightText", "summary", "description",
              "comment", "externalRefs", "attributionTexts",
              "primaryPackagePurpose", "releaseDate", "builtDate",
              "validUntilDate", "annotations", "hasFiles"}


def check(doc):
    bad = []
    need = lambda obj, key, where: key in obj or bad.append(f"{where}: no {key}")
    for k in ("spdxVersion", "dataLicense", "SPDXID", "name", "documentNamespace",
              "creationInfo"):
        need(doc, k, "document")
    bad += [f"document: unknown field {k}" for k in doc if k not in DOC_FIELDS]
    if doc.get("spdxVersion") != "SPDX-2.3":
        bad.append("spdxVersion is not SPDX-2.3")
    if doc.get("dataLicense") != "CC0-1.0":
        bad.append("dataLicense is not CC0-1.0 (clause 6.2)")
    if doc.get("SPDXID") != "SPDXRef-DOCUMENT":
        bad.append("the document's SPDXID is not SPDXRef-DOCUMENT")
    ns = doc.get("documentNamespace", "")
    if not re.match(r"^[a-z][a-z0-9+.-]*://\S+$", ns) or "#" in ns:
        bad.append(f"documentNamespace {ns!r} is not a URI without '#' (clause 6.5)")
    ci = doc.get("creationInfo", {})
    if not DATE.match(ci.get("created", "")):
        bad.append("creationInfo.created is not YYYY-MM-DDThh:mm:ssZ")
    if not ci.get("creators") or not all(CREATOR.match(c) for c in ci["creators"]):
        bad.append("creationInfo.creators: none, or not Tool:/Organization:/Person:")
    ids = {"SPDXRef-DOCUMENT"}
    for i, p in enumerate(doc.get("packages", [])):
        where = f"packages[{i}]"
        for k in ("name", "SPDXID", "downloadLocation"):
            need(p, k, where)
        bad += [f"{where}: unknown field {k}" for k in p if k not in PKG_FIELDS]
        sid = p.get("SPDXID", "")
        if not IDREF.match(sid):
            bad.append(f"{where}: SPDXID {sid!r} is not SPDXRef-[idstring]")
        if sid in ids:
            bad.append(f"{where}: SPDXID {sid} used twice")
        ids.add(sid)
        if p.get("filesAnalyzed", True) and "packageVerificationCode" not in p:
            bad.append(f"{where}: filesAnalyzed without packageVerificationCode")
        dl = p.get("downloadLocation", "")
        if dl not in ("NONE", "NOASSERTION") and "://" not in dl and not dl.startswith("git+"):
            bad.append(f"{where}: downloadLocation {dl!r}")
        for c in p.get("checksums", []):
            n = ALGOS.get(c.get("algorithm"), 0)
            v = c.get("checksumValue", "")
            if n == 0 or (n and not re.fullmatch(f"[0-9a-f]{{{n}}}", v)):
                bad.append(f"{where}: checksum {c}")
        for r in p.get("externalRefs", []):
            if r.get("referenceCategory") not in REF_CATEGORIES or not r.get("referenceType") \
                    or not r.get("referenceLocator"):
                bad.append(f"{where}: externalRef {r}")
            if r.get("referenceType") == "purl" and not r["referenceLocator"].startswith("pkg:"):
                bad.append(f"{where}: purl {r['referenceLocator']}")
        if "primaryPackagePurpose" in p and p["primaryPackagePurpose"] not in PURPOSES:
            bad.append(f"{where}: primaryPackagePurpose {p['primaryPackagePurpose']}")
        for k in ("builtDate", "releaseDate", "validUntilDate"):
            if k in p and not DATE.match(p[k]):
                bad.append(f"{where}: {k} format")
        for a in p.get("annotations", []):
            if a.get("annotationType") not in ("REVIEW", "OTHER") or not DATE.match(
                    a.get("annotationDate", "")) or not CREATOR.match(
                    a.get("annotator", "")) or "comment" not in a:
                bad.append(f"{where}: annotation {a}")
    described = set(doc.get("documentDescribes", []))
    for i, r in enumerate(doc.get("relationships", [])):
        for k in ("spdxElementId", "relationshipType", "relatedSpdxElement"):
            need(r, k, f"relationships[{i}]")
        if r.get("relationshipType") not in RELS:
            bad.append(f"relationships[{i}]: type {r.get('relationshipType')}")
        for k in ("spdxElementId", "relatedSpdxElement"):
            if r.get(k) not in ids and r.get(k) not in ("NONE", "NOASSERTION"):
                bad.append(f"relationships[{i}]: {k} {r.get(k)} names no element")
        if r.get("spdxElementId") == "SPDXRef-DOCUMENT" and r.get("relationshipType") == "DESCRIBES":
            described.add(r.get("relatedSpdxElement"))
    # clause 6.1 / 11: a document describes at least one element
    if not described:
        bad.append("the document DESCRIBES nothing")
    bad += [f"documentDescribes names {d}, no element" for d in described if d not in ids]
    # every package is reachable from what the document describes
    edges = {}
    for r in doc.get("relationships", []):
        edges.setdefault(r.get("spdxElementId"), set()).add(r.get("relatedSpdxElement"))
    seen, todo = set(), list(described)
    while todo:
        x = todo.pop()
        if x not in seen:
            seen.add(x)
            todo += edges.get(x, ())
    bad += [f"package {i} is related to nothing the document describes"
            for i in sorted(ids - seen - {"SPDXRef-DOCUMENT"})]
    return bad


def main(files):
    failed = 0
    for f in files:
        problems = check(json.load(open(f)))
        print(f"{f}: " + ("valid" if not problems else "INVALID " + "; ".join(problems)))
        failed += bool(problems)
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
