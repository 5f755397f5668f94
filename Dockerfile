# Build: the .NET 10 SDK restores, builds and publishes the server.
FROM mcr.microsoft.com/dotnet/sdk:10.0 AS build
WORKDIR /src
COPY global.json Directory.Build.props Directory.Packages.props HealthHomes.Fhir.sln ./
COPY src/ src/
# The conformance package is embedded into the Conformance assembly at build time.
COPY profiles/ profiles/
RUN dotnet publish src/HealthHomes.Fhir.Server/HealthHomes.Fhir.Server.csproj -c Release -o /app --nologo

# Run: the ASP.NET Core runtime only, as a non-root user, data on a volume.
FROM mcr.microsoft.com/dotnet/aspnet:10.0 AS runtime
WORKDIR /app
COPY --from=build /app ./
RUN mkdir -p /data && chown -R app:app /data
USER app
# AllowedHosts defaults to localhost: set it (or FhirServer__PublicBaseUrl) to the names clients use, e.g.
# docker run -e AllowedHosts="fhir.example.org;localhost" ...; other Host headers get 400.
ENV ASPNETCORE_URLS=http://+:8080 \
    Storage__DataDirectory=/data
VOLUME ["/data"]
EXPOSE 8080
ENTRYPOINT ["dotnet", "HealthHomes.Fhir.Server.dll"]
