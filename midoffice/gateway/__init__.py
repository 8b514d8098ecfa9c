"""The HTTP gateway: ZGW Zaken and Catalogi APIs in front of the intake topic and the
zaakmagazijn. Build it with :func:`midoffice.gateway.app.create_app`."""
