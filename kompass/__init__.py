"""kompass: software for Kommunkompassen evaluations of Swedish municipalities."""
