"""Built-in analysis plugins of recast (registered in the ``recast.analyses`` entry-point group)."""
