"""boilerstrip inside other tools' pipelines, one module per tool, each importing its tool itself.

Nothing is imported here, so that ``import boilerstrip.integrations`` never
needs a tool that is not installed: :mod:`.datatrove` is imported by name.
"""
