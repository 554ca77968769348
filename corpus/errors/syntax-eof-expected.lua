print("one")
end
