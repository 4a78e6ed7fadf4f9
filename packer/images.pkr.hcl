# The four machine images of a production deployment: one Debian 12 base, one build, one source per image.
# Each image runs scripts/install-<image>.sh; what it configures at first boot is in README.md.
#   AMI:         packer build -only=amazon-ebs.<image> .                       (kafka, etcd, arangodb, app)
#   local check: packer build -only=null.<image> -var target_root=/tmp/x .     (files only, see README)
# The app image ships the CLI build: mvn -DskipTests package -pl cli -am   (at the repository root)

source "amazon-ebs" "debian" {
  region       = var.aws_region
  ssh_username = "admin"
  source_ami_filter {
    filters = {
      name                = "debian-12-amd64-*"
      architecture        = "x86_64"
      virtualization-type = "hvm"
      root-device-type    = "ebs"
    }
    owners      = ["136693071363"]
    most_recent = true
  }
}

source "null" "files" {
  communicator = "none"
}

build {
  # Kafka broker + KRaft controller; the log directory lives on its own EBS volume
  source "source.amazon-ebs.debian" {
    name          = "kafka"
    instance_type = var.kafka_instance_type
    ami_name      = "streamrec-kafka-${var.kafka_version}-${local.stamp}"
    tags = {
      Name         = "streamrec-kafka"
      Role         = "kafka"
      KafkaVersion = var.kafka_version
    }
  }

  # etcd member; the cluster bootstraps from the user data, the image holds no member data
  source "source.amazon-ebs.debian" {
    name          = "etcd"
    instance_type = var.etcd_instance_type
    ami_name      = "streamrec-etcd-${local.stamp}"
    tags = {
      Name = "streamrec-etcd"
      Role = "etcd"
    }
  }

  # ArangoDB single server; no database and no password are baked
  source "source.amazon-ebs.debian" {
    name          = "arangodb"
    instance_type = var.arangodb_instance_type
    ami_name      = "streamrec-arangodb-${local.stamp}"
    tags = {
      Name           = "streamrec-arangodb"
      Role           = "arangodb"
      ArangoDbSeries = var.arangodb_repo
    }
  }

  # app node: the Streamrec build and one systemd unit per service, chosen at boot
  source "source.amazon-ebs.debian" {
    name          = "app"
    instance_type = var.app_instance_type
    ami_name      = "streamrec-app-${local.stamp}"
    tags = {
      Name = "streamrec-app"
      Role = "app"
    }
  }

  source "source.null.files" {
    name = "kafka"
  }

  source "source.null.files" {
    name = "etcd"
  }

  source "source.null.files" {
    name = "arangodb"
  }

  source "source.null.files" {
    name = "app"
  }

  provisioner "shell" {
    except = local.local_builds
    inline = ["mkdir -p /tmp/streamrec-packer/build"]
  }

  provisioner "file" {
    except      = local.local_builds
    sources     = ["${path.root}/scripts", "${path.root}/files"]
    destination = "/tmp/streamrec-packer"
  }

  provisioner "file" {
    only        = ["amazon-ebs.app"]
    sources     = ["${local.build_dir}/streamrec.jar", "${local.build_dir}/lib"]
    destination = "/tmp/streamrec-packer/build/"
  }

  provisioner "shell" {
    except = local.local_builds
    environment_vars = concat([
      "SYSTEM_INSTALL=1",
      "TARGET_ROOT=/",
      "FILES_DIR=/tmp/streamrec-packer/files",
      "APP_BUILD_DIR=/tmp/streamrec-packer/build",
    ], local.image_env)
    execute_command = "chmod +x {{ .Path }}; sudo {{ .Vars }} bash {{ .Path }}"
    inline          = ["bash /tmp/streamrec-packer/scripts/install-${source.name}.sh", "rm -rf /tmp/streamrec-packer"]
  }

  provisioner "shell-local" {
    only = local.local_builds
    environment_vars = concat([
      "SYSTEM_INSTALL=0",
      "TARGET_ROOT=${var.target_root}",
      "FILES_DIR=${path.root}/files",
      "APP_BUILD_DIR=${local.build_dir}",
    ], local.image_env)
    inline = ["bash '${path.root}/scripts/install-${source.name}.sh'"]
  }
}
