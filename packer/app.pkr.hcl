# App node image: Java 17, the Streamrec build and one systemd unit per service. Which services run, their
# configuration (SSM) and their secrets (Secrets Manager) are decided at boot (files/bin/streamrec-configure).
# Build the jar first: mvn -DskipTests package -pl cli -am   (at the repository root)
#   AMI:         packer build -only=amazon-ebs.app app.pkr.hcl
#   local check: packer build -only=null.local -var target_root=/tmp/x app.pkr.hcl   (files only, see README)

variable "aws_region" {
  type    = string
  default = "eu-west-1"
}

variable "instance_type" {
  type    = string
  default = "c6i.large"
}

variable "streamrec_build_dir" {
  type        = string
  default     = ""
  description = "Directory with streamrec.jar and lib/; empty means ../cli/target next to this template."
}

variable "target_root" {
  type        = string
  default     = ""
  description = "Local builds only: the directory the files are rendered into."
}

locals {
  stamp     = formatdate("YYYYMMDDhhmmss", timestamp())
  build_dir = var.streamrec_build_dir != "" ? var.streamrec_build_dir : "${path.root}/../cli/target"
}

source "amazon-ebs" "app" {
  region        = var.aws_region
  instance_type = var.instance_type
  ami_name      = "streamrec-app-${local.stamp}"
  ssh_username  = "admin"
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
  tags = {
    Name = "streamrec-app"
    Role = "app"
  }
}

source "null" "local" {
  communicator = "none"
}

build {
  sources = ["source.amazon-ebs.app", "source.null.local"]

  provisioner "shell" {
    only   = ["amazon-ebs.app"]
    inline = ["mkdir -p /tmp/streamrec-packer/build"]
  }

  provisioner "file" {
    only        = ["amazon-ebs.app"]
    sources     = ["${path.root}/scripts", "${path.root}/files"]
    destination = "/tmp/streamrec-packer"
  }

  provisioner "file" {
    only        = ["amazon-ebs.app"]
    sources     = ["${local.build_dir}/streamrec.jar", "${local.build_dir}/lib"]
    destination = "/tmp/streamrec-packer/build/"
  }

  provisioner "shell" {
    only = ["amazon-ebs.app"]
    environment_vars = [
      "SYSTEM_INSTALL=1",
      "TARGET_ROOT=/",
      "FILES_DIR=/tmp/streamrec-packer/files",
      "APP_BUILD_DIR=/tmp/streamrec-packer/build",
    ]
    execute_command = "chmod +x {{ .Path }}; sudo {{ .Vars }} bash {{ .Path }}"
    inline          = ["bash /tmp/streamrec-packer/scripts/install-app.sh", "rm -rf /tmp/streamrec-packer"]
  }

  provisioner "shell-local" {
    only = ["null.local"]
    environment_vars = [
      "SYSTEM_INSTALL=0",
      "TARGET_ROOT=${var.target_root}",
      "FILES_DIR=${path.root}/files",
      "APP_BUILD_DIR=${local.build_dir}",
    ]
    inline = ["bash '${path.root}/scripts/install-app.sh'"]
  }
}
