"""The small shared core every layer may import: settings, paths, the warehouse access
layer and exact money arithmetic. It imports nothing else of the project."""
