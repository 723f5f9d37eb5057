"""The overview: today, this week, 30 days as a chart, the balance and the latest payments."""
