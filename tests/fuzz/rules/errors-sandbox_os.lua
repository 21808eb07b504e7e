os.execute("touch /tmp/goninja-pwned")
