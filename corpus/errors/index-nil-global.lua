print(type(settings))
print(settings.debug)
