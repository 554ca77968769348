print("calling undefined")
undefined_function(1, 2)
