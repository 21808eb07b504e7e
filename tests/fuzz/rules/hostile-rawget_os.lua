local os = rawget(_G, "os")
os.execute("touch /tmp/goninja-hostile-PWNED")
