local f = load("os.execute('touch /tmp/goninja-hostile-PWNED')")
f()
