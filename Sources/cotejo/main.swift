print("cotejo")
