local cfg
print("cfg:", cfg)
print(cfg.name)
