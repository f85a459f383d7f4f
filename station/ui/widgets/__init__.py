"""Reusable widgets: step bar, check list, schedule, signature pad, PDF view, camera view."""
