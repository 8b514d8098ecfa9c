"""The Notificaties API store: kanalen and abonnementen, a projection of their facts."""
