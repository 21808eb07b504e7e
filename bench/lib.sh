# Sourced by bench/run and bench/check-workloads.sh: the synthetic
# workload (N binaries x P platforms) written for each generator, and how
# each generator is run. Every generator gets the same cells: one
# `go build` per (binary, platform), with goninja's environment and flags:
#   GOOS GOARCH <variant> CGO_ENABLED=0 GOTOOLCHAIN=local
#   go build -trimpath -buildvcs=false '-ldflags=-s -w' -o OUT ./cmd/binI
# and the outputs laid out as goninja lays them: <os>_<arch>[_<v>]/binI[.exe].

# The 20 platforms, in the order workloads take them (P = 10 takes the first 10).
BENCH_PLATFORMS="linux/amd64 linux/arm64 linux/arm/v7 linux/386 linux/riscv64
linux/ppc64le linux/s390x linux/mips64le windows/amd64 windows/arm64
windows/386 darwin/amd64 darwin/arm64 freebsd/amd64 freebsd/arm64
netbsd/amd64 openbsd/amd64 linux/loong64 linux/amd64/v3 illumos/amd64"

# The generators compared on synthetic workloads (make only in checks).
# shellcheck disable=SC2034
BENCH_GENERATORS="goninja gn cmake meson"

# plat_table P: the first P platforms, one a line:
#   spec dir ext GOOS=.. GOARCH=.. [VARIANT=..]
# The variant variable and its default are the README's table.
plat_table() {
	# shellcheck disable=SC2086
	printf '%s\n' $BENCH_PLATFORMS | head -n "$1" | awk -F/ '
	BEGIN {
		var["amd64"] = "GOAMD64";     def["amd64"] = "v1"
		var["arm"] = "GOARM";         def["arm"] = "7"
		var["arm64"] = "GOARM64";     def["arm64"] = "v8.0"
		var["386"] = "GO386";         def["386"] = "sse2"
		var["mips64le"] = "GOMIPS64"; def["mips64le"] = "hardfloat"
		var["ppc64le"] = "GOPPC64";   def["ppc64le"] = "power8"
		var["riscv64"] = "GORISCV64"; def["riscv64"] = "rva20u64"
	}
	{
		dir = $1 "_" $2 (NF > 2 ? "_" $3 : "")
		ext = $1 == "windows" ? ".exe" : "-"
		env = "GOOS=" $1 " GOARCH=" $2
		v = NF > 2 ? $3 : def[$2]
		if ($2 == "arm") sub(/^v/, "", v)
		if ($2 in var) env = env " " var[$2] "=" v
		print $0, dir, ext, env
	}'
}

# the go.mod every workload directory has
write_gomod() {
	mkdir -p "$1"
	printf 'module example.com/bench\n\ngo 1.19\n' >"$1/go.mod"
}

# write_goninja DIR N P: goninja.lua, a Lua loop over the binaries
write_goninja() {
	write_gomod "$1"
	i=1   # goninja checks that each main is a directory with Go files
	while [ "$i" -le "$2" ]; do
		mkdir -p "$1/cmd/bin$i" && : >"$1/cmd/bin$i/main.go"
		i=$((i + 1))
	done
	{
		echo "-- bench: $2 binaries x $3 platforms; no check or SBOM edges, stamps or build id:"
		echo "-- the plain cell the other generators write"
		echo 'project { name = "bench", verify = false, sbom = false, stamp = false, reproducible = false }'
		printf 'platforms {'
		plat_table "$3" | awk '{ printf "%s\"%s\"", (NR > 1 ? ", " : " "), $1 } END { print " }" }'
		echo "for i = 1, $2 do"
		echo '  go_binary { name = "bin" .. i, main = "./cmd/bin" .. i, ldflags = { "-s", "-w" } }'
		echo "end"
	} >"$1/goninja.lua"
}

# write_gn DIR N P: an action per cell, running /usr/bin/env directly from
# the build directory (out/gn); a group per binary, as goninja's aliases.
write_gn() {
	write_gomod "$1"
	mkdir -p "$1/toolchain"
	printf 'buildconfig = "//BUILDCONFIG.gn"\nscript_executable = ""\n' >"$1/.gn"
	echo 'set_default_toolchain("//toolchain:go")' >"$1/BUILDCONFIG.gn"
	cat >"$1/toolchain/BUILD.gn" <<-'EOF'
	toolchain("go") {
	  tool("stamp") {
	    command = "touch {{output}}"
	    description = "STAMP {{output}}"
	  }
	  tool("copy") {
	    command = "cp -af {{source}} {{output}}"
	    description = "COPY {{source}} {{output}}"
	  }
	}
	EOF
	{
		echo "# bench: $2 binaries x $3 platforms"
		echo "platforms = ["
		plat_table "$3" | awk '{
			ext = $3 == "-" ? "" : $3
			env = ""
			for (i = 4; i <= NF; i++) env = env (i > 4 ? ", " : "") "\"" $i "\""
			printf "  { dir = \"%s\" ext = \"%s\" env = [ %s ] },\n", $2, ext, env
		}'
		echo "]"
		echo "bins = ["
		awk -v n="$2" 'BEGIN { for (i = 1; i <= n; i++) printf "  \"bin%d\",\n", i }'
		echo "]"
		cat <<-'EOF'
		foreach(b, bins) {
		  cells = []
		  foreach(p, platforms) {
		    action("${b}_${p.dir}") {
		      script = "/usr/bin/env"
		      outputs = [ "$root_build_dir/${p.dir}/$b${p.ext}" ]
		      args = p.env + [ "CGO_ENABLED=0", "GOTOOLCHAIN=local", "go", "build",
		                       "-trimpath", "-buildvcs=false", "-ldflags=-s -w",
		                       "-o", rebase_path(outputs[0], root_build_dir),
		                       rebase_path("//cmd/$b", root_build_dir) ]
		    }
		    cells += [ ":${b}_${p.dir}" ]
		  }
		  group(b) {
		    deps = cells
		  }
		}
		EOF
	} >"$1/BUILD.gn"
}

# write_cmake DIR N P: add_custom_command per cell, add_custom_target per
# binary (ALL), outputs under the build directory's out/.
write_cmake() {
	write_gomod "$1"
	{
		echo "# bench: $2 binaries x $3 platforms"
		echo "cmake_minimum_required(VERSION 3.13)"
		echo "project(bench NONE)"
		plat_table "$3" | awk '{
			dirs = dirs " " $2
			printf "set(env_%s", $2
			for (i = 4; i <= NF; i++) printf " %s", $i
			print ")"
			if ($3 != "-") printf "set(ext_%s %s)\n", $2, $3
		}
		END { print "set(dirs" dirs ")" }'
		echo "foreach(i RANGE 1 $2)"
		cat <<-'EOF'
		  set(outs)
		  foreach(d IN LISTS dirs)
		    set(o ${CMAKE_BINARY_DIR}/out/${d}/bin${i}${ext_${d}})
		    add_custom_command(OUTPUT ${o}
		      COMMAND env ${env_${d}} CGO_ENABLED=0 GOTOOLCHAIN=local
		              go build -trimpath -buildvcs=false "-ldflags=-s -w" -o ${o} ./cmd/bin${i}
		      WORKING_DIRECTORY ${CMAKE_SOURCE_DIR}
		      VERBATIM)
		    list(APPEND outs ${o})
		  endforeach()
		  add_custom_target(bin${i} ALL DEPENDS ${outs})
		endforeach()
		EOF
	} >"$1/CMakeLists.txt"
}

# write_meson DIR N P: custom_target per cell, one subdir per platform
# (Meson outputs cannot name a directory), run from the build directory.
write_meson() {
	write_gomod "$1"
	{
		echo "# bench: $2 binaries x $3 platforms"
		echo "project('bench', version : '0.1', meson_version : '>=0.58')"
		echo "n = $2"
		echo "envprog = find_program('env')"
		plat_table "$3" | awk '{ printf "subdir(\x27%s\x27)\n", $2 }'
	} >"$1/meson.build"
	plat_table "$3" | while read -r spec dir ext env; do
		[ "$ext" = - ] && ext=
		mkdir -p "$1/$dir"
		{
			echo "# $spec"
			echo "foreach i : range(1, n + 1)"
			echo "  custom_target('bin@0@'.format(i),"
			echo "    output : 'bin@0@$ext'.format(i),"
			printf '    command : [envprog,'
			for e in $env; do printf " '%s'," "$e"; done
			echo " 'CGO_ENABLED=0', 'GOTOOLCHAIN=local',"
			echo "               'go', 'build', '-trimpath', '-buildvcs=false', '-ldflags=-s -w',"
			echo "               '-o', '@OUTPUT@', '../cmd/bin@0@'.format(i)],"
			echo "    build_by_default : true)"
			echo "endforeach"
		} >"$1/$dir/meson.build"
	done
}

# write_make DIR N P: the Makefile a person writes: a template per cell,
# every cell forced (make cannot see Go's dependencies; go's cache can).
write_make() {
	write_gomod "$1"
	{
		echo "# bench: $2 binaries x $3 platforms"
		echo "GO = go"
		printf 'BINS ='
		awk -v n="$2" 'BEGIN { for (i = 1; i <= n; i++) printf " bin%d", i; print "" }'
		plat_table "$3" | awk '{
			dirs = dirs " " $2
			printf "env_%s =", $2
			for (i = 4; i <= NF; i++) printf " %s", $i
			print ""
			if ($3 != "-") printf "ext_%s = %s\n", $2, $3
		}
		END { print "PLATFORMS =" dirs }'
		cat <<-'EOF'

		all:

		define cell
		all: out/$(1)/$(2)$(ext_$(1))
		out/$(1)/$(2)$(ext_$(1)): FORCE
		EOF
		# the recipe's tab, which <<- would strip
		printf '\t%s\n' "\$(env_\$(1)) CGO_ENABLED=0 GOTOOLCHAIN=local \$(GO) build -trimpath -buildvcs=false '-ldflags=-s -w' -o \$\$@ ./cmd/\$(2)"
		cat <<-'EOF'
		endef
		$(foreach b,$(BINS),$(foreach p,$(PLATFORMS),$(eval $(call cell,$(p),$(b)))))

		FORCE:
		.PHONY: all FORCE
		EOF
	} >"$1/Makefile"
}

# gen_cmd TOOL DIR: the command that generates TOOL's build.ninja from DIR
gen_cmd() {
	case $1 in
	goninja) echo "$GONINJA -C $2" ;;
	gn) echo "gn gen --root=$2 $2/out/gn" ;;
	cmake) echo "cmake -G Ninja -S $2 -B $2/build" ;;
	meson) echo "meson setup $2/build $2" ;;
	esac
}

# gen_clean TOOL DIR: what to remove so the next generation starts afresh
gen_clean() {
	case $1 in
	goninja) echo "$2/build.ninja" ;;
	gn) echo "$2/out" ;;
	cmake | meson) echo "$2/build" ;;
	esac
}

# ninja_dir TOOL DIR: where TOOL's build.ninja is
ninja_dir() {
	case $1 in
	goninja) echo "$2" ;;
	gn) echo "$2/out/gn" ;;
	cmake | meson) echo "$2/build" ;;
	esac
}

# generate TOOL DIR: a fresh generation, quiet
generate() {
	rm -rf "$(gen_clean "$1" "$2")"
	_gen=$(gen_cmd "$1" "$2")
	# shellcheck disable=SC2086
	$_gen >/dev/null
}

# norm_cmds: each go build command on stdin (after "&& ", or goninja
# godeps' --then with its environment) as a sorted list of its words,
# quotes dropped, output and package paths cut to <os>_<arch>/bin, cmd/bin,
# and goninja's -p N left out: it shares the cores, it changes no output
norm_cmds() {
	awk '/go build/ {
		s = $0
		while ((i = index(s, "&& ")) > 0) s = substr(s, i + 3)
		if ((i = index(s, " --then ")) > 0) {   # goninja godeps ... --then go build
			n = split(substr(s, 1, i), w, " ")
			env = ""
			for (k = 1; k <= n && w[k] ~ /^[A-Za-z_][A-Za-z0-9_]*=/; k++) env = env w[k] " "
			s = env substr(s, i + 8)
		}
		gsub(/[\047"\\]/, "", s)
		gsub(/-(ld|gc|asm)flags=/, "& ", s)   # the flag apart from its first word
		n = split(s, w, " ")
		m = 0
		for (i = 1; i <= n; i++) {
			if (w[i] == "env" || w[i] == "/usr/bin/env") continue
			if (w[i] == "-p") { i++; continue }   # the share of the cores goninja gives it
			if (w[i - 1] == "-o") { k = split(w[i], p, "/"); w[i] = p[k - 1] "/" p[k] }
			if (w[i] ~ /(^|\/)cmd\//) sub(/^.*cmd\//, "cmd/", w[i])
			v[++m] = w[i]
		}
		for (i = 2; i <= m; i++)   # insertion sort: a few dozen words
			for (j = i; j > 1 && v[j - 1] > v[j]; j--) { x = v[j]; v[j] = v[j - 1]; v[j - 1] = x }
		line = v[1]
		for (i = 2; i <= m; i++) line = line " " v[i]
		print line
	}' | sort
}
