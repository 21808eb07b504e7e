# scaling.gp: generation time against edge count, log-log, one line per
# generator. bench/run passes data (report.awk's scaling table) and out.
set terminal pngcairo size 900,600 font ",11"
set output out
set title "Generating build.ninja: N binaries x P platforms, one go build edge per cell"
set xlabel "edges (go build commands)"
set ylabel "generation time, s (median)"
set logscale xy
set format x "%.0f"
set format y "%g"
set grid xtics ytics mxtics mytics
set key top left
set datafile missing "?"
plot data using 1:2 with linespoints lw 2 pt 7 title "goninja", \
     data using 1:3 with linespoints lw 2 pt 5 title "GN", \
     data using 1:4 with linespoints lw 2 pt 9 title "CMake + Ninja", \
     data using 1:5 with linespoints lw 2 pt 13 title "Meson"
