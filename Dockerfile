# RetrievalEngine: the `retrieval` CLI and the query server in one image.
#   docker build -t retrieval .
#   docker run --rm -v "$PWD/photos:/photos:ro" -v retrieval-index:/data retrieval index /photos
#   docker run --rm -v "$PWD/photos:/photos:ro" -v retrieval-index:/data retrieval search "a dog on a beach"
#   docker run --rm -v "$PWD/photos:/photos:ro" retrieval embed --image /photos/cat.jpg --text "a cat"
#   docker run --rm -v "$PWD/my-clip:/model:ro" -e RETRIEVAL_MODEL=/model retrieval embed --text "a cat"
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
# libjpeg-turbo's TurboJPEG API: JPEGs decode with SIMD (about 2x SkiaSharp's bundled decoder). The package is
# libturbojpeg on Ubuntu (the default .NET images) and libturbojpeg0 on Debian.
RUN apt-get update \
 && (apt-get install -y --no-install-recommends libturbojpeg || apt-get install -y --no-install-recommends libturbojpeg0) \
 && rm -rf /var/lib/apt/lists/* \
 && ln -s /app/cli/retrieval /usr/local/bin/retrieval \
 && useradd --system --home-dir /data --create-home retrieval
USER retrieval
ENV RETRIEVAL_MODEL=/app/models/minilm-mobilenetv2 \
    RETRIEVAL_DB=/data \
    ASPNETCORE_URLS=http://+:8080
VOLUME /data
EXPOSE 8080
ENTRYPOINT ["retrieval"]
CMD ["--help"]
