# RetrievalEngine: the query server (the default) and the `retrieval` CLI in one image.
#   docker build -t retrieval .
#   docker run --rm -p 127.0.0.1:8080:8080 -v retrieval-index:/data -e Retrieval__Server__ApiKey=SECRET retrieval   # the samples, at http://localhost:8080
#   docker run --rm -v "$PWD/photos:/photos:ro" -v retrieval-index:/data --entrypoint retrieval retrieval index /photos
#   docker run --rm -p 8080:8080 -v "$PWD/photos:/photos:ro" -v retrieval-index:/data -e Retrieval__Server__ApiKey=SECRET \
#     -e Retrieval__Server__AllowedHosts__0=photos.example.com retrieval                                      # reached by that name
#   docker run --rm -v retrieval-index:/data --entrypoint retrieval retrieval search "a dog on a beach"
#   docker run --rm -v "$PWD/my-clip:/model:ro" -e RETRIEVAL_MODEL=/model --entrypoint retrieval retrieval embed --text "a cat"
# The server listens on every interface inside the container, so it needs an API key (Retrieval__Server__ApiKey):
# without one it refuses to start. Every request but /healthz then needs the key (X-Api-Key), or the session the
# page's sign-in gives; host names other than localhost and IP addresses need Retrieval__Server__AllowedHosts__N.
# CUDA: the ONNX Runtime GPU build is inside; run with --gpus all and --device cuda on a CUDA 12 host
# image. Without a GPU, --device auto (the default) says so once and runs on the CPU.

FROM mcr.microsoft.com/dotnet/sdk:10.0 AS build
WORKDIR /source
# Restore first, from the project files alone, so code changes do not invalidate the package layer.
COPY global.json Directory.Build.props Directory.Packages.props .editorconfig ./
COPY src/Retrieval.csproj src/
COPY indexer/Retrieval.Indexer.csproj indexer/
COPY web/Retrieval.Web.csproj web/
RUN dotnet restore indexer/Retrieval.Indexer.csproj -r linux-x64 \
 && dotnet restore web/Retrieval.Web.csproj -r linux-x64
COPY src/ src/
COPY indexer/ indexer/
COPY web/ web/
RUN dotnet publish indexer/Retrieval.Indexer.csproj -c Release -r linux-x64 --self-contained false --no-restore -o /app/cli \
 && dotnet publish web/Retrieval.Web.csproj -c Release -r linux-x64 --self-contained false --no-restore -o /app/web

FROM mcr.microsoft.com/dotnet/aspnet:10.0
WORKDIR /app
COPY --from=build /app/cli /app/cli
COPY --from=build /app/web /app/web
COPY data/models /app/models
COPY data/samples /app/samples
COPY data/places /app/places
# libjpeg-turbo's TurboJPEG API: JPEGs decode with SIMD (about 2x SkiaSharp's bundled decoder). The package is
# libturbojpeg on Ubuntu (the default .NET images) and libturbojpeg0 on Debian. FFmpeg reads videos (a child process,
# tied to the indexer's life by util-linux's setpriv, which both distributions ship).
RUN apt-get update \
 && (apt-get install -y --no-install-recommends libturbojpeg || apt-get install -y --no-install-recommends libturbojpeg0) \
 && apt-get install -y --no-install-recommends ffmpeg \
 && rm -rf /var/lib/apt/lists/* \
 && ln -s /app/cli/retrieval /usr/local/bin/retrieval \
 && useradd --system --home-dir /data --create-home retrieval
USER retrieval
ENV RETRIEVAL_MODEL=/app/models/minilm-mobilenetv2 \
    RETRIEVAL_DB=/data \
    Retrieval__Server__Samples=/app/samples \
    ASPNETCORE_URLS=http://+:8080
# The index (read-write) and the photos (read-only is enough).
VOLUME ["/data", "/photos"]
EXPOSE 8080
# The image has no curl: bash's /dev/tcp asks /healthz.
HEALTHCHECK --interval=30s --timeout=5s --start-period=30s --retries=3 \
  CMD bash -c 'exec 3<>/dev/tcp/127.0.0.1/8080 && printf "GET /healthz HTTP/1.0\r\nHost: localhost\r\n\r\n" >&3 && head -1 <&3 | grep -q " 200 "'
WORKDIR /app/web
ENTRYPOINT ["dotnet", "/app/web/Retrieval.Web.dll"]
