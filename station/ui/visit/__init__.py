"""The visit on screen: one page per step, driven through :class:`station.core.visit.Visit`."""
