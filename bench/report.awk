# report.awk: bench/run's results (KEY TAB TOOL TAB VALUE) into text.
#   -v what=table   the one table: goninja, each peer, and the ratios
#   -v what=notes   the details under it
#   -v what=scaling gnuplot data: edges, then seconds per generator
# -v fig1=, noop=, sizes=: the workloads of figures 1, 2 and 4 (NxP ...).
BEGIN { FS = "\t"; ntools = split("goninja gn cmake meson make", tool, " ")
	name["goninja"] = "goninja"; name["gn"] = "GN"; name["cmake"] = "CMake"
	name["meson"] = "Meson"; name["make"] = "make" }
{ v[$1, $2] = $3 }
END {
	if (what == "table") table()
	else if (what == "notes") notes()
	else if (what == "scaling") scaling()
	else if (what == "matrix") { fulls(); matrix_ratios() }
}

# figure 3's full builds: wall, CPU and cores busy per -j
function fulls(  j) {
	print "| build | wall, s | CPU (user+sys), s | cores busy |"
	print "|---|--:|--:|--:|"
	for (j = 1; j <= 4; j *= 2) {
		printf "| goninja + ninja -j%d | %s | %s | %s |\n", j, sig(v["full:j" j, "goninja"]),
		       sig(v["cpu:full:j" j, "goninja"]), util("full:j" j, "goninja")
		printf "| make -j%d | %s | %s | %s |\n", j, sig(v["full:j" j, "make"]),
		       sig(v["cpu:full:j" j, "make"]), util("full:j" j, "make")
	}
}

# goninja + ninja over make, wall and CPU, per -j (BENCH_FIGURES=3)
function matrix_ratios(  j) {
	print ""
	for (j = 1; j <= 4; j *= 2)
		printf "-j%d: ninja/make wall %.2f, CPU %.2f\n", j,
		       v["full:j" j, "goninja"] / v["full:j" j, "make"],
		       v["cpu:full:j" j, "goninja"] / v["cpu:full:j" j, "make"]
}

function edges(s,   p) { split(s, p, "x"); return p[1] * p[2] }
function label(s,   p) { split(s, p, "x"); return p[1] "×" p[2] " (" p[1] * p[2] ")" }
function num(x) { return x != "" && x != "skip" }

# three significant digits, no exponent
function sig(x) {
	if (x >= 100) return sprintf("%.0f", x)
	if (x >= 10) return sprintf("%.1f", x)
	if (x >= 1) return sprintf("%.2f", x)
	return sprintf("%.3g", x)
}
function ratio(a, b) {
	if (!num(a) || !num(b) || b == 0) return "—"
	r = a / b
	return r >= 10 ? sprintf("%.0f", r) : r >= 1 ? sprintf("%.1f", r) : sprintf("%.2g", r)
}
# cell KEY TOOL SCALE: the value, scaled, or — / skipped
function cell(k, t, scale) {
	if (!((k, t) in v)) return "—"
	if (v[k, t] == "skip") return "skipped"
	return sig(v[k, t] * scale)
}

# row FIGURE WHAT KEY SCALE [KEY for make]
function row(fig, w, k, scale, mk,   i, t, line, kk) {
	line = "| " fig " | " w
	for (i = 1; i <= ntools; i++) {
		t = tool[i]; kk = (t == "make" && mk != "") ? mk : k
		line = line " | " cell(kk, t, scale)
	}
	for (i = 2; i <= ntools; i++) {
		t = tool[i]; kk = (t == "make" && mk != "") ? mk : k
		line = line " | " ((k, "goninja") in v && (kk, t) in v ? ratio(v[k, "goninja"], v[kk, t]) : "—")
	}
	print line " |"
}

function table(   n, s, i, j, hdr) {
	hdr = "| figure | workload (edges)"
	for (i = 1; i <= ntools; i++) hdr = hdr " | " name[tool[i]]
	for (i = 2; i <= ntools; i++) hdr = hdr " | goninja:" name[tool[i]]
	print hdr " |"
	s = "|---|---"
	for (i = 2; i <= 2 * ntools; i++) s = s "|--:"
	print s "|"
	n = split(fig1, w, " ")
	for (i = 1; i <= n; i++) row("1. generation, ms", label(w[i]), "gen:" w[i], 1000)
	for (i = 1; i <= n; i++) row("1. peak RSS, MB", label(w[i]), "rss:" w[i], 1 / 1024)
	n = split(noop, w, " ")
	for (i = 1; i <= n; i++) row("2. .ninja bytes per edge", label(w[i]), "bytes:" w[i], 1)
	for (i = 1; i <= n; i++) row("2. no-op ninja, ms", label(w[i]), "noop:" w[i], 1000)
	for (j = 1; j <= 4; j *= 2)
		row("3. matrix full build, s", "ninja -j" j " / make -j" j " (" v["cells", "matrix"] ")",
		    "full:j" j, 1)
	row("3. matrix no-op, ms", "ninja / make -j2 (" v["cells", "matrix"] ")", "noop:matrix", 1000)
	n = split(sizes, w, " ")
	for (i = 1; i <= n; i++) {
		e = edges(w[i])
		for (j = 1; j <= ntools; j++)
			if (("gen:" w[i], tool[j]) in v) {
				if (num(v["gen:" w[i], tool[j]]))
					v["pe:" w[i], tool[j]] = v["gen:" w[i], tool[j]] / e
				else
					v["pe:" w[i], tool[j]] = "skip"
			}
		row("4. generation per edge, µs", label(w[i]), "pe:" w[i], 1e6)
	}
}

function util(k, t) { return sprintf("%.2f", v["cpu:" k, t] / v[k, t]) }

function notes(   n, i, j, k, t, skipped) {
	print "## Notes"
	print ""
	print "- Workloads: N binaries `binI` × P platforms (the first P of: " \
	      "linux/amd64 linux/arm64 linux/arm/v7 linux/386 linux/riscv64 " \
	      "linux/ppc64le linux/s390x linux/mips64le windows/amd64 windows/arm64 " \
	      "windows/386 darwin/amd64 darwin/arm64 freebsd/amd64 freebsd/arm64 " \
	      "netbsd/amd64 openbsd/amd64 linux/loong64 linux/amd64/v3 illumos/amd64). " \
	      "Every generator writes one `go build` per cell with goninja's " \
	      "environment and flags (bench/check-workloads.sh checks count and words); " \
	      "goninja's rule file turns off its check and SBOM edges, stamps and build id " \
	      "(`project { verify = false, sbom = false, stamp = false, reproducible = false }`), so " \
	      "the cells are the same. goninja still writes its `dev` edges (one per " \
	      "binary), a package scan edge per binary and runs `go env` once."
	print "- Peers: GN `action` per cell and a `group` per binary; CMake " \
	      "`add_custom_command` per cell and an `add_custom_target(ALL)` per binary; " \
	      "Meson `custom_target` per cell, one subdir per platform; make: a " \
	      "`define`/`eval` template per cell, every cell forced."
	print "- Figure 1: a fresh generation each run (build directory removed first); " \
	      "median of hyperfine runs (3 to 10, by speed; 2 GNU time runs past 10 s); " \
	      "peak RSS from GNU time (median of up to 3)."
	print "- Figure 2: every `.ninja` file the generator wrote, over N×P. The outputs " \
	      "are made by one build with a stand-in go (bench/fakego.c: `go list` lists " \
	      "nothing, `go build -o X` creates X), checked to leave nothing to do, then " \
	      "`ninja -C DIR` is timed (hyperfine, 10 runs)."
	if (("goenv", "go") in v)
		printf "- goninja runs `go env GOVERSION GOHOSTOS GOHOSTARCH` at every generation: %s ms of its time here.\n",
		       sig(v["goenv", "go"] * 1000)
	n = split(noop, w, " ")
	k = "anat:" w[n] ":"
	t = v[k "go", "goninja"] + v[k "check", "goninja"] + v[k "phony", "goninja"] + v[k "scan", "goninja"] + v[k "other", "goninja"]
	if (t > 0)
		printf "- goninja's build.ninja at %s, by statement: go edges %.0f%%, package " \
		       "scans %.0f%%, phony aliases %.0f%%, check edges %.0f%%, the rest " \
		       "%.0f%%.\n", label(w[n]),
		       100 * v[k "go", "goninja"] / t, 100 * v[k "scan", "goninja"] / t,
		       100 * v[k "phony", "goninja"] / t, 100 * v[k "check", "goninja"] / t,
		       100 * v[k "other", "goninja"] / t
	if (("dflt:gen", "goninja") in v)
		printf "- goninja with its defaults at 1000×20 (check and SBOM edges, `-X` stamps, " \
		       "`-buildid=`): %s ms, %s MB peak, %s bytes, %d build statements " \
		       "(%.1f per cell).\n", sig(v["dflt:gen", "goninja"] * 1000),
		       sig(v["dflt:rss", "goninja"] / 1024), v["dflt:bytes", "goninja"],
		       v["dflt:edges", "goninja"], v["dflt:edges", "goninja"] / 20000
	n = split(noop, w, " ")
	line = ""
	for (i = 1; i <= n; i++)
		for (j = 1; j <= 4; j++)
			if (("fakebuild:" w[i], tool[j]) in v)
				line = line sprintf("%s %s %d s; ", name[tool[j]], w[i], v["fakebuild:" w[i], tool[j]])
	if (line != "") print "- The fake builds of figure 2 took (not a figure): " line
	skipped = ""
	for (k in v) { split(k, kk, SUBSEP); if (v[k] == "skip" && kk[1] ~ /^gen:/)
		skipped = skipped " " name[kk[2]] " at " substr(kk[1], 5) ";" }
	if (skipped != "") print "- Skipped (a run past the cap, or predicted past it from the size before):" skipped
	print ""
	print "### Figure 3: examples/matrix, real `go build`"
	print ""
	printf "%d cells (3 binaries × 8 platforms; goninja's `all` also runs " \
	       "`goninja check` on each), Go from Debian, a warmed shared GOCACHE, " \
	       "GOFLAGS=-mod=mod GOPROXY=off GOTOOLCHAIN=local. bench/matrix.mk runs the " \
	       "same go build commands as goninja's edges: %s. Median of 3 full builds " \
	       "(outputs and ninja's log removed); no-op: hyperfine.\n\n",
	       v["cells", "matrix"], v["same-cmds", "matrix"]
	fulls()
	printf "| one cell, empty GOCACHE, go build's default -p | %s | %s | %s |\n",
	       sig(v["coldn", "go"]), sig(v["cpu:coldn", "go"]), util("coldn", "go")
	printf "| one cell, empty GOCACHE, go build -p=1 | %s | %s | %s |\n",
	       sig(v["cold1", "go"]), sig(v["cpu:cold1", "go"]), util("cold1", "go")
	print ""
	printf "No-op: a Makefile must start go for every cell; make -j2 took %s ms " \
	       "with goninja's flags, of which `-buildid=` (goninja's reproducible " \
	       "default) stops go from seeing that a binary is current and relinks it " \
	       "every time: %s ms without it.\n\n", sig(v["noop:matrix", "make"] * 1000),
	       sig(v["noop:matrix-buildid", "make"] * 1000)
	s2 = v["full:j1", "goninja"] / v["full:j2", "goninja"]
	s4 = v["full:j1", "goninja"] / v["full:j4", "goninja"]
	printf "Warm cache: goninja + ninja -j1 keeps %s cores busy; -j2 is %.2f× and " \
	       "-j4 %.2f× as fast as -j1 (make: %.2f× and %.2f×). One go build with an " \
	       "empty GOCACHE keeps %s cores busy on its own.", util("full:j1", "goninja"),
	       s2, s4, v["full:j1", "make"] / v["full:j2", "make"],
	       v["full:j1", "make"] / v["full:j4", "make"], util("coldn", "go")
	printf " At -p=1 (one package at a time) the same cold build takes %.2f× as long.",
	       v["cold1", "go"] / v["coldn", "go"]
	if (v["cpu:coldn", "go"] / v["coldn", "go"] >= 1.4)
		printf " go build compiles packages in parallel itself (-p defaults to the " \
		       "core count), so a cold build comes near to filling 2 cores with one " \
		       "cell at a time."
	if (s2 < 1.15)
		printf " With a warm cache more ninja jobs gained little here: a cell is " \
		       "go list, a link and process start-up, and go's linker and its own " \
		       "threads already overlap them."
	else
		printf " With a warm cache a cell is go list, a link and process start-up, " \
		       "with idle time between them, so running cells side by side pays."
	print "\n"
	print "### Figure 4: generation, every size"
	print ""
	print "| workload (edges) | generator | median, s | runs | peak RSS, MB | per edge, µs |"
	print "|---|---|--:|--:|--:|--:|"
	n = split(sizes, w, " ")
	for (i = 1; i <= n; i++)
		for (j = 1; j <= 4; j++) {
			k = "gen:" w[i]; t = tool[j]
			if (!((k, t) in v)) continue
			if (v[k, t] == "skip") { printf "| %s | %s | skipped | | | |\n", label(w[i]), name[t]; continue }
			printf "| %s | %s | %s | %d | %s | %s |\n", label(w[i]), name[t], sig(v[k, t]),
			       v["runs:" w[i], t], sig(v["rss:" w[i], t] / 1024), sig(v[k, t] / edges(w[i]) * 1e6)
		}
}

function scaling(   n, i, j, line, x) {
	print "# edges goninja gn cmake meson (seconds; ? = skipped)"
	n = split(sizes, w, " ")
	for (i = 1; i <= n; i++) {
		line = edges(w[i])
		for (j = 1; j <= 4; j++) {
			x = v["gen:" w[i], tool[j]]
			line = line " " (num(x) ? x : "?")
		}
		print line
	}
}
